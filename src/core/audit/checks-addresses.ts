// lookalike-addresses (ours, after the spec's checks): recipients whose address domain mixes
// scripts or spells a verified domain with look-alike letters (ceo@contоso.example with a Cyrillic
// о). Such an address is valid, so the rules keep it as a recipient; the sync would then send the
// company's messages to whoever owns the look-alike domain. A warning, never a failure: the
// address may be genuine (an internationalised partner domain), and only the admin can tell.
import { emailKey } from '../ids.ts';
import { plural } from '../plural.ts';
import { OUTCOME_RECIPIENT } from '../recipient-rules.ts';
import { type AuditContext, listWords, sample } from './context.ts';
import {
  foreignLetters,
  indexVerifiedDomains,
  judgeDomain,
  type LookalikeDomain,
} from './lookalike-domains.ts';
import { type CheckResult, result } from './types.ts';

export function checkLookalikeAddresses(context: AuditContext): CheckResult {
  const { preview, snapshot, portal } = context;
  const verified = indexVerifiedDomains(snapshot.tenant.verifiedDomains.map((domain) => domain.name));
  // One judgement per distinct domain: tenants have few domains and many people.
  const judged = new Map<string, LookalikeDomain | null>();
  const found: Array<{ id: string; name: string; address: string; domain: LookalikeDomain }> = [];
  const { items, outcomes } = preview.audience.reach;
  for (let i = 0; i < items.length; i++) {
    if (outcomes[i] !== OUTCOME_RECIPIENT) continue;
    const at = items[i] as number;
    const address = preview.emails[at] as string;
    const domainName = emailKey(address.slice(address.lastIndexOf('@') + 1));
    let verdict = judged.get(domainName);
    if (verdict === undefined) {
      verdict = judgeDomain(domainName, verified);
      judged.set(domainName, verdict);
    }
    if (verdict === null) continue;
    const object = preview.index.objects[at] as { id: string; displayName?: unknown };
    found.push({
      id: object.id,
      name: typeof object.displayName === 'string' ? object.displayName : '',
      address,
      domain: verdict,
    });
  }
  const domains = [...judged.values()].filter((verdict): verdict is LookalikeDomain => verdict !== null);
  const evidence = {
    verifiedDomains: [...verified.names],
    domainsChecked: judged.size,
    lookalikeRecipients: found.length,
    domains: domains.map((domain) => ({ ...domain, letters: foreignLetters(domain.domain) })),
    examples: sample(found).map((row) => ({
      id: row.id,
      name: row.name,
      address: row.address,
      why: row.domain.kind,
    })),
  };
  if (found.length === 0) return result('lookalike-addresses', 'pass', { evidence });
  const describe = (domain: LookalikeDomain) => {
    const letters = foreignLetters(domain.domain);
    const which = letters.length > 0 ? `, letters ${letters.join(', ')}` : '';
    return domain.kind === 'confusable'
      ? `${domain.domain} (looks like the verified ${domain.detail}${which})`
      : `${domain.domain} (mixes ${domain.detail}${which})`;
  };
  return result('lookalike-addresses', 'warn', {
    evidence,
    fix: [
      `${plural(found.length, 'recipient has', 'recipients have')} an address whose domain is not what it looks like: ${listWords(domains.slice(0, 5).map(describe))}${domains.length > 5 ? ' and more' : ''}. The sync would send to these addresses as they are.`,
      `Check each one (${portal.usersPlace('open the user', 'Edit properties', 'Contact information', 'Email')}); correct an address that should be on your own domain, or leave out the group that brings it.`,
    ].join('\n'),
  });
}
