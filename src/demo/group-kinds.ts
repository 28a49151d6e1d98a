// The raw group objects, one factory per kind Graph distinguishes: security (cloud or synced from
// on-premises), Microsoft 365 (Unified, with public or hidden membership), distribution list,
// mail-enabled security, Entra dynamic-membership. Properties are exactly the spec's $select for
// groups, with Graph's own nulls: a cloud-only group has onPremisesSyncEnabled null, not false,
// and a group that is not Microsoft 365 has visibility null. SELECTED_ROLES says which kind each
// position of the selection gets, so every profile has the same cast in the same order.
import { mailNickname, TENANT_DOMAIN } from './names.ts';

export type GroupObject = {
  '@odata.type': '#microsoft.graph.group';
  id: string;
  displayName: string;
  description: string | null;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  visibility: string | null;
  membershipRule: string | null;
  membershipRuleProcessingState: string | null;
  onPremisesSyncEnabled: boolean | null;
};

export type GroupKind =
  | 'security'
  | 'synced-security'
  | 'microsoft-365'
  | 'hidden-microsoft-365'
  | 'distribution'
  | 'mail-security'
  | 'dynamic';

/** What a group of this kind may hold as nested groups (Entra: none in Microsoft 365 or dynamic groups). */
export function nestingFamily(kind: GroupKind): 'security' | 'mail' | null {
  switch (kind) {
    case 'security':
    case 'synced-security':
      return 'security';
    case 'distribution':
    case 'mail-security':
      return 'mail';
    default:
      return null;
  }
}

export const DYNAMIC_RULE = '(user.department -eq "Sales")';

export function groupObject(
  kind: GroupKind,
  id: string,
  displayName: string,
  description: string | null,
): GroupObject {
  const mail = `${mailNickname(displayName)}@${TENANT_DOMAIN}`;
  const base: GroupObject = {
    '@odata.type': '#microsoft.graph.group',
    id,
    displayName,
    description,
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    visibility: null,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
  };
  switch (kind) {
    case 'security':
      return base;
    case 'synced-security':
      return { ...base, onPremisesSyncEnabled: true };
    case 'microsoft-365':
    case 'hidden-microsoft-365':
      return {
        ...base,
        mail,
        mailEnabled: true,
        securityEnabled: false,
        groupTypes: ['Unified'],
        visibility: kind === 'hidden-microsoft-365' ? 'HiddenMembership' : 'Public',
      };
    case 'distribution':
      return { ...base, mail, mailEnabled: true, securityEnabled: false };
    case 'mail-security':
      return { ...base, mail, mailEnabled: true };
    case 'dynamic':
      return {
        ...base,
        groupTypes: ['DynamicMembership'],
        membershipRule: DYNAMIC_RULE,
        membershipRuleProcessingState: 'On',
      };
  }
}

/** What a selected group is for; the plan puts planted objects and nesting by role. */
export type SelectedRole =
  | 'all-staff'
  | 'engineering'
  | 'product'
  | 'announcements'
  | 'distribution'
  | 'dynamic'
  | 'hidden'
  | 'mail-security'
  | 'department';

/** The role of the selected group at each position of the selection; later ones are departments. */
export type RoleSpec = {
  role: SelectedRole;
  kind: GroupKind;
  name: string;
  /** What its nested teams are called after: "Sales" → "Sales – EMEA". */
  root: string;
  description: string;
  /** Service principals among its direct members (in $count only). */
  hiddenServicePrincipals: number;
};

export const SELECTED_ROLES: readonly RoleSpec[] = [
  {
    role: 'all-staff',
    kind: 'synced-security',
    name: 'All Staff',
    root: 'All Staff',
    description: 'Every employee (synced from on-premises Active Directory)',
    hiddenServicePrincipals: 0,
  },
  {
    role: 'engineering',
    kind: 'security',
    name: 'Engineering',
    root: 'Engineering',
    description: 'Engineering department',
    hiddenServicePrincipals: 2,
  },
  {
    role: 'product',
    kind: 'security',
    name: 'Product Management',
    root: 'Product',
    description: 'Product managers and designers',
    hiddenServicePrincipals: 0,
  },
  {
    role: 'announcements',
    kind: 'microsoft-365',
    name: 'Contoso Announcements',
    root: 'Announcements',
    description: 'Company news',
    hiddenServicePrincipals: 0,
  },
  {
    role: 'distribution',
    kind: 'distribution',
    name: 'Sales Team',
    root: 'Sales',
    description: 'Sales team mailing list',
    hiddenServicePrincipals: 0,
  },
  {
    role: 'dynamic',
    kind: 'dynamic',
    name: 'Sales (dynamic)',
    root: 'Sales',
    description: 'Everyone whose department is Sales',
    hiddenServicePrincipals: 0,
  },
  {
    role: 'hidden',
    kind: 'hidden-microsoft-365',
    name: 'Leadership Council',
    root: 'Leadership',
    description: 'Executive leadership',
    hiddenServicePrincipals: 0,
  },
  {
    role: 'mail-security',
    kind: 'mail-security',
    name: 'IT Security Notifications',
    root: 'IT Security',
    description: 'Security alerts for IT',
    hiddenServicePrincipals: 1,
  },
];
