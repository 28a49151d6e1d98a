// @vitest-environment happy-dom
// Saving through a temporary link: clicked once with the file name, gone from the page at once,
// and its object URL revoked afterwards (not before the click could hand the Blob over).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveWithAnchor } from '../../../src/state/save-file.ts';
import { until } from '../../support/wait.ts';

describe('saveWithAnchor', () => {
  afterEach(() => vi.restoreAllMocks());

  it('clicks a download link, removes it and revokes the URL on the next task', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: Array<{ download: string; href: string; attached: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href, attached: this.isConnected });
    });
    saveWithAnchor('contoso-upload.csv', new Blob(['Name,Email\r\n']));
    expect(created).toHaveBeenCalledOnce();
    expect(clicks).toEqual([{ download: 'contoso-upload.csv', href: 'blob:test/1', attached: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(revoked).not.toHaveBeenCalled();
    await until(() => expect(revoked).toHaveBeenCalledWith('blob:test/1'));
  });
});
