/** A job's failure as data: a stable code and a plain message (crosses to the page as such). */
export class JobError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
