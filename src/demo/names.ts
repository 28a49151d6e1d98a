// Word lists for invented people, partners, groups and devices. Every combination is made up; the
// domains are reserved `.example` names (RFC 2606), so no generated address can reach anyone.
// Mail local parts come from `mailLocal`, which folds accents (Chloé → chloe) and drops what a
// mailbox name would not carry (O'Connor → oconnor), as directories usually do.

/** A comma-separated word list (names may hold spaces and apostrophes, never commas). */
function list(text: string): readonly string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

export const TENANT_NAME = 'Contoso';
export const TENANT_DOMAIN = 'contoso.example';
/** The tenant's initial domain, where guests' `#EXT#` user principal names live. */
export const INITIAL_DOMAIN = 'contoso.onmicrosoft.example';

export const PARTNERS: readonly { name: string; domain: string }[] = [
  { name: 'Fabrikam', domain: 'fabrikam.example' },
  { name: 'Northwind Traders', domain: 'northwind.example' },
  { name: 'Adatum', domain: 'adatum.example' },
  { name: 'Tailspin Toys', domain: 'tailspin.example' },
  { name: 'Wingtip Partners', domain: 'wingtip.example' },
  { name: 'Litware', domain: 'litware.example' },
];

export const GIVEN_NAMES: readonly string[] = list(`
  James, Mary, Robert, Patricia, Michael, Jennifer, William, Linda, David, Elizabeth, Richard,
  Barbara, Joseph, Susan, Thomas, Jessica, Charles, Sarah, Christopher, Karen, Daniel, Lisa, Matthew,
  Nancy, Anthony, Betty, Mark, Sandra, Donald, Margaret, Steven, Ashley, Andrew, Kimberly, Paul,
  Emily, Joshua, Donna, Kenneth, Michelle, Kevin, Carol, Brian, Amanda, George, Melissa, Timothy,
  Deborah, Ronald, Stephanie, Jason, Rebecca, Edward, Sharon, Jeffrey, Laura, Ryan, Cynthia, Jacob,
  Amy, Priya, Arjun, Ananya, Rohan, Wei, Mei, Hiroshi, Yuki, Sofia, Lucas, Mateo, Valentina, Liam,
  Emma, Noah, Olivia, Lena, Jonas, Fatima, Omar, Aisha, Ibrahim, Chloé, André, Björn, Inès, Kwame,
  Amara, Tomasz, Agnieszka, Siobhan, Declan, Ingrid, Lars, Camila, Diego, Nadia, Yusuf, Hana, Minh
`);

export const SURNAMES: readonly string[] = list(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez,
  Lopez, Gonzalez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee, Perez, Thompson,
  White, Harris, Sanchez, Clark, Ramirez, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott,
  Torres, Nguyen, Hill, Flores, Green, Adams, Nelson, Baker, Hall, Rivera, Campbell, Mitchell,
  Carter, Roberts, Patel, Shah, Kumar, Singh, Chen, Wang, Li, Zhang, Kim, Park, Tanaka, Sato, Müller,
  Schmidt, Schneider, Fischer, Weber, Rossi, Russo, Ferrari, Dubois, Moreau, Lefèvre, Jensen,
  Nielsen, Hansen, Johansson, Andersson, Kowalski, Nowak, O'Connor, Murphy, Kelly, Okafor, Mensah,
  Haddad, Khan, Ali, Cohen, Levi, Silva, Santos, Costa, Oliveira, Pereira, Fernández, Gómez, Díaz,
  Novak, Horvat
`);

export const DEPARTMENTS: readonly string[] = list(`
  Operations, Finance, Human Resources, Marketing, Legal, Customer Success, Information Technology,
  Facilities, Research & Development, Procurement, Communications, Sales Operations,
  Quality Assurance, Supply Chain, Risk & Compliance, Data & Analytics, Corporate Strategy,
  Internal Audit, Field Service, Training
`);

export const TEAMS: readonly string[] = list(`
  Logistics, EMEA, Night Shift, Payroll, Recruiting, APAC, Americas, Platform, Onboarding, Field,
  Contractors, Interns, Team Leads, Analysts, Support, Tier 2, Planning, Reporting, Projects, North,
  South, Berlin Office, Seattle Office, Pune Office
`);

export const DEVICE_PREFIXES: readonly string[] = ['DESKTOP', 'LAPTOP', 'CONF-RM', 'KIOSK', 'SURFACE-HUB'];

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** An address local part from a name: lowercase ASCII letters, digits, dots and hyphens. */
export function mailLocal(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9.-]/g, '');
}

/** A name as a group mail nickname: "Research & Development – EMEA" → "research-development-emea". */
export function mailNickname(name: string): string {
  return mailLocal(name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
}

/** A Windows-style device name, e.g. DESKTOP-7H3K2L9 or CONF-RM-0412. */
export function deviceName(prefix: string, serial: number, draw: (n: number) => number): string {
  if (prefix === 'DESKTOP' || prefix === 'LAPTOP') {
    let suffix = '';
    for (let i = 0; i < 7; i++) suffix += ALNUM[draw(ALNUM.length)];
    return `${prefix}-${suffix}`;
  }
  return `${prefix}-${String(serial).padStart(4, '0')}`;
}
