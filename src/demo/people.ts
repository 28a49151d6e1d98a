// The tenant's people and devices as Graph lists them under /groups/{id}/members with the spec's
// $select: users, organizational contacts and devices. The first users are the planted ones
// (planted-people.ts); sampling skips them, so each planted object sits exactly where the group
// plan puts it and nowhere else. The rest is an invented population with a few guests, disabled
// accounts and people without mail, in the shares below.
import { DEVICE_PREFIXES, deviceName, GIVEN_NAMES, mailLocal, PARTNERS, SURNAMES } from './names.ts';
import { at, guestUpn, type Home, PLANTED_USERS } from './planted-people.ts';
import type { Random } from './random.ts';

export type UserObject = {
  '@odata.type': '#microsoft.graph.user';
  id: string;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  userPrincipalName: string;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
};

export type ContactObject = {
  '@odata.type': '#microsoft.graph.orgContact';
  id: string;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
};

export type DeviceObject = { '@odata.type': '#microsoft.graph.device'; id: string; displayName: string };

export type Planted<T> = { object: T; home: Home };

export type People = {
  /** Planted users first (`plantedUsers` of them), then the generated population. */
  users: UserObject[];
  plantedUsers: Planted<UserObject>[];
  contacts: ContactObject[];
  plantedContacts: Planted<ContactObject>[];
  devices: DeviceObject[];
  plantedDevices: Planted<DeviceObject>[];
};

/** Shares of the generated population (planted users come on top). */
const GUEST_SHARE = 0.03;
const GUEST_WITHOUT_MAIL_SHARE = 0.5;
const DISABLED_SHARE = 0.02;
const NO_MAIL_SHARE = 0.015;
const CONTACT_WITHOUT_MAIL_SHARE = 0.2;

export const PLANTED_USER_COUNT = PLANTED_USERS.length;

export function generatePeople(random: Random, userCount: number): People {
  if (userCount < PLANTED_USERS.length * 2) {
    throw new RangeError(`users must be at least ${PLANTED_USERS.length * 2}, got ${userCount}`);
  }
  const users: UserObject[] = new Array(userCount);
  const plantedUsers: Planted<UserObject>[] = [];
  // Local parts already used, so generated people never collide with the planted ones.
  const taken = new Map<string, number>();
  PLANTED_USERS.forEach((planted, index) => {
    const user: UserObject = {
      '@odata.type': '#microsoft.graph.user',
      id: random.guid(),
      displayName: planted.displayName,
      givenName: planted.givenName,
      surname: planted.surname,
      mail: planted.mail,
      userPrincipalName: planted.upn,
      accountEnabled: planted.enabled ?? true,
      userType: planted.guest ? 'Guest' : 'Member',
    };
    users[index] = user;
    plantedUsers.push({ object: user, home: planted.home });
    taken.set(planted.upn.split('@')[0]?.toLowerCase() ?? '', 1);
  });

  const givenLocal = GIVEN_NAMES.map(mailLocal);
  const surnameLocal = SURNAMES.map(mailLocal);
  for (let i = PLANTED_USERS.length; i < userCount; i++) {
    const g = random.int(GIVEN_NAMES.length);
    const s = random.int(SURNAMES.length);
    const base = `${givenLocal[g]}.${surnameLocal[s]}`;
    const seen = taken.get(base) ?? 0;
    taken.set(base, seen + 1);
    const local = seen === 0 ? base : `${base}${seen + 1}`;
    const givenName = GIVEN_NAMES[g] as string;
    const surname = SURNAMES[s] as string;
    const id = random.guid();
    if (random.chance(GUEST_SHARE)) {
      const partner = random.pick(PARTNERS);
      const named = random.chance(0.5);
      users[i] = {
        '@odata.type': '#microsoft.graph.user',
        id,
        displayName: `${givenName} ${surname}`,
        givenName: named ? givenName : null,
        surname: named ? surname : null,
        mail: random.chance(GUEST_WITHOUT_MAIL_SHARE) ? null : `${local}@${partner.domain}`,
        userPrincipalName: guestUpn(local, partner.domain),
        accountEnabled: true,
        userType: 'Guest',
      };
      continue;
    }
    users[i] = {
      '@odata.type': '#microsoft.graph.user',
      id,
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail: random.chance(NO_MAIL_SHARE) ? null : at(local),
      userPrincipalName: at(local),
      accountEnabled: !random.chance(DISABLED_SHARE),
      userType: 'Member',
    };
  }

  const { contacts, plantedContacts } = generateContacts(random, Math.max(8, Math.round(userCount / 60)));
  const { devices, plantedDevices } = generateDevices(random, Math.max(12, Math.round(userCount / 40)));
  return { users, plantedUsers, contacts, plantedContacts, devices, plantedDevices };
}

function contact(
  id: string,
  name: string | null,
  given: string | null,
  surname: string | null,
  mail: string | null,
) {
  const object: ContactObject = {
    '@odata.type': '#microsoft.graph.orgContact',
    id,
    displayName: name,
    givenName: given,
    surname,
    mail,
  };
  return object;
}

function generateContacts(random: Random, count: number) {
  const plantedContacts: Planted<ContactObject>[] = [
    {
      object: contact(random.guid(), 'Olivia Grant', 'Olivia', 'Grant', 'olivia.grant@fabrikam.example'),
      home: 'distribution',
    },
    { object: contact(random.guid(), 'Adatum Facilities Hotline', null, null, null), home: 'distribution' },
  ];
  const contacts = plantedContacts.map((planted) => planted.object);
  for (let i = contacts.length; i < count; i++) {
    const given = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    const partner = random.pick(PARTNERS);
    const mail = random.chance(CONTACT_WITHOUT_MAIL_SHARE)
      ? null
      : `${mailLocal(given)}.${mailLocal(surname)}${i}@${partner.domain}`;
    contacts.push(contact(random.guid(), `${given} ${surname}`, given, surname, mail));
  }
  return { contacts, plantedContacts };
}

function generateDevices(random: Random, count: number) {
  const devices: DeviceObject[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = random.pick(DEVICE_PREFIXES);
    devices.push({
      '@odata.type': '#microsoft.graph.device',
      id: random.guid(),
      displayName: deviceName(prefix, 100 + i, random.int),
    });
  }
  // Test devices enrolled straight into the Engineering group.
  const plantedDevices = devices.slice(0, 3).map((object) => ({ object, home: 'engineering' as const }));
  return { devices, plantedDevices };
}
