// The planted users: each one a case the recipient rules, the audit or the CSV must survive (one
// address held by two people in two cases, implausible addresses, formula-like and empty names,
// scripts other than Latin, no mail, a disabled account, guests with `#EXT#` names), and the
// selected group it must be a direct member of (`home`). All invented; addresses use .example.
import { INITIAL_DOMAIN, TENANT_DOMAIN } from './names.ts';

/** Where a planted object goes: a selected group by its role, or both ends of the diamond. */
export type Home = 'all-staff' | 'engineering' | 'announcements' | 'distribution' | 'diamond';

export type PlantedUser = {
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  upn: string;
  home: Home;
  enabled?: false;
  guest?: true;
};

export const at = (local: string): string => `${local}@${TENANT_DOMAIN}`;
export const guestUpn = (local: string, domain: string): string =>
  `${local}_${domain}#EXT#@${INITIAL_DOMAIN}`;

export const PLANTED_USERS: readonly PlantedUser[] = [
  // One address held by two people, spelled in two cases: the second is a duplicate-email.
  {
    displayName: 'John Doe',
    givenName: 'John',
    surname: 'Doe',
    mail: at('j.doe'),
    upn: at('j.doe'),
    home: 'all-staff',
  },
  {
    displayName: 'Jonathan Doe',
    givenName: 'Jonathan',
    surname: 'Doe',
    mail: at('J.Doe'),
    upn: at('jonathan.doe'),
    home: 'all-staff',
  },
  // Implausible mailboxes: a trailing-dot domain and a space inside.
  {
    displayName: 'Priya Raman',
    givenName: 'Priya',
    surname: 'Raman',
    mail: `${at('priya.raman')}.`,
    upn: at('priya.raman'),
    home: 'all-staff',
  },
  {
    displayName: 'María López Ortega',
    givenName: 'María',
    surname: 'López Ortega',
    mail: at('maria lopez'),
    upn: at('maria.lopez'),
    home: 'all-staff',
  },
  // Names the CSV must carry unchanged: accents, other scripts, a comma, a double quote.
  {
    displayName: 'Zoë Martin',
    givenName: 'Zoë',
    surname: 'Martin',
    mail: at('zoe.martin'),
    upn: at('zoe.martin'),
    home: 'all-staff',
  },
  {
    displayName: 'José Álvarez',
    givenName: 'José',
    surname: 'Álvarez',
    mail: at('jose.alvarez'),
    upn: at('jose.alvarez'),
    home: 'all-staff',
  },
  {
    displayName: '王伟',
    givenName: '伟',
    surname: '王',
    mail: at('wang.wei'),
    upn: at('wang.wei'),
    home: 'all-staff',
  },
  {
    displayName: 'Дмитрий Иванов',
    givenName: 'Дмитрий',
    surname: 'Иванов',
    mail: at('dmitry.ivanov'),
    upn: at('dmitry.ivanov'),
    home: 'all-staff',
  },
  {
    displayName: 'محمد العلي',
    givenName: 'محمد',
    surname: 'العلي',
    mail: at('mohammed.alali'),
    upn: at('mohammed.alali'),
    home: 'all-staff',
  },
  {
    displayName: 'Robert Smith, Jr.',
    givenName: 'Robert',
    surname: 'Smith, Jr.',
    mail: at('robert.smith.jr'),
    upn: at('robert.smith.jr'),
    home: 'all-staff',
  },
  {
    displayName: 'Katherine "Kate" O\'Brien',
    givenName: 'Katherine',
    surname: "O'Brien",
    mail: at('kate.obrien'),
    upn: at('kate.obrien'),
    home: 'all-staff',
  },
  // Names a spreadsheet would run as formulas unless neutralised.
  {
    displayName: '=HYPERLINK("https://contoso.example/payroll","Payroll portal")',
    givenName: null,
    surname: null,
    mail: at('payroll.portal'),
    upn: at('payroll.portal'),
    home: 'all-staff',
  },
  {
    displayName: '+Reception Desk',
    givenName: null,
    surname: null,
    mail: at('reception'),
    upn: at('reception'),
    home: 'all-staff',
  },
  {
    displayName: '-Temp Worker 07',
    givenName: null,
    surname: null,
    mail: at('temp07'),
    upn: at('temp07'),
    home: 'all-staff',
  },
  // No display name: the CSV falls back to given name and surname.
  {
    displayName: '',
    givenName: 'Aiyana',
    surname: 'Whitfield',
    mail: at('aiyana.whitfield'),
    upn: at('aiyana.whitfield'),
    home: 'all-staff',
  },
  // No mail (a no-email unless username fallback is on), and a disabled account.
  {
    displayName: 'Tobias Lindqvist',
    givenName: 'Tobias',
    surname: 'Lindqvist',
    mail: null,
    upn: at('tobias.lindqvist'),
    home: 'all-staff',
  },
  {
    displayName: 'Gregory Hale',
    givenName: 'Gregory',
    surname: 'Hale',
    mail: at('gregory.hale'),
    upn: at('gregory.hale'),
    home: 'all-staff',
    enabled: false,
  },
  // Guests: an external UPN is no mailbox, with or without a mail beside it.
  {
    displayName: 'Ana Silva',
    givenName: null,
    surname: null,
    mail: null,
    upn: guestUpn('ana.silva', 'fabrikam.example'),
    home: 'announcements',
    guest: true,
  },
  {
    displayName: 'Lee Chen (Northwind)',
    givenName: 'Lee',
    surname: 'Chen',
    mail: 'lee.chen@northwind.example',
    upn: guestUpn('lee.chen', 'northwind.example'),
    home: 'announcements',
    guest: true,
  },
  // Reached by two paths below All Staff (a diamond).
  {
    displayName: 'Hannah Berg',
    givenName: 'Hannah',
    surname: 'Berg',
    mail: at('hannah.berg'),
    upn: at('hannah.berg'),
    home: 'diamond',
  },
];
