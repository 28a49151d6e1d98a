// Where the admin clicks: the portal of the snapshot's cloud, the words of its menus, and deep links
// by app id or group id. Global tenants (also GCC Moderate) use the Entra admin center; Azure
// Government (GCC High) admins use portal.azure.us, whose blades take the same `#view/…` paths.
import type { Cloud } from '../snapshot-schema.ts';

/** Blades of an app registration, as the portal's deep links name them. */
export type AppBlade = 'Overview' | 'CallAnAPI' | 'Credentials' | 'Authentication' | 'Branding';

export interface Portal {
  cloud: Cloud;
  /** The portal's name as the admin sees it, e.g. "Entra admin center". */
  name: string;
  origin: string;
  /** "Entra admin center → App registrations → <app> → <steps…>". */
  appPlace(appName: string, ...steps: string[]): string;
  /** "Entra admin center → Groups → All groups → <steps…>". */
  groupsPlace(...steps: string[]): string;
  /** "Entra admin center → Users → All users → <steps…>". */
  usersPlace(...steps: string[]): string;
  /** "Entra admin center → Billing → Licenses → All products". */
  licensesPlace(): string;
  appLink(appId: string, blade: AppBlade): string;
  appRegistrationsLink(): string;
  groupLink(groupId: string): string;
  groupsLink(): string;
  licensesLink(): string;
}

const ARROW = ' → ';
const join = (...steps: string[]): string => steps.filter((step) => step !== '').join(ARROW);

export function portalFor(cloud: Cloud): Portal {
  const government = cloud === 'usgov';
  const origin = government ? 'https://portal.azure.us' : 'https://entra.microsoft.com';
  const name = government ? 'Azure Government portal (portal.azure.us)' : 'Entra admin center';
  // The Azure portal reaches Entra's menus through "Microsoft Entra ID"; the admin center shows them at the top.
  const root = government ? join(name, 'Microsoft Entra ID') : name;
  const enc = encodeURIComponent;
  return {
    cloud,
    name,
    origin,
    appPlace: (appName, ...steps) => join(root, 'App registrations', appName, ...steps),
    groupsPlace: (...steps) => join(root, 'Groups', 'All groups', ...steps),
    usersPlace: (...steps) => join(root, 'Users', 'All users', ...steps),
    licensesPlace: () =>
      government ? join(root, 'Licenses', 'All products') : join(root, 'Billing', 'Licenses', 'All products'),
    appLink: (appId, blade) =>
      `${origin}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/${blade}/appId/${enc(appId)}`,
    appRegistrationsLink: () => `${origin}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`,
    groupLink: (groupId) =>
      `${origin}/#view/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/${enc(groupId)}`,
    groupsLink: () => `${origin}/#view/Microsoft_AAD_IAM/GroupsManagementMenuBlade/~/AllGroups`,
    licensesLink: () => `${origin}/#view/Microsoft_AAD_IAM/LicensesMenuBlade/~/Products`,
  };
}
