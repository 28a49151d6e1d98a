// Is Microsoft Entra ID P1 active in the tenant? Dynamic groups need it. A plan counts only in a
// SKU whose capabilityStatus is Enabled or Warning (Warning = in its grace period, still working)
// and only when the plan itself provisioned successfully; P2 includes P1.
import type { Snapshot } from '../snapshot-schema.ts';

export const P1_PLAN_ID = '41781fb2-bc02-4b7c-bd55-b576c07bb09d';
export const P2_PLAN_ID = 'eec0eb4f-6444-4f95-aba0-50c24d67f998';

export interface PremiumPlan {
  skuPartNumber: string | null;
  skuId: string | null;
  servicePlanName: string | null;
  servicePlanId: string;
  capabilityStatus: string | null;
}

export interface PremiumLicense {
  /** False when /subscribedSkus was not read, so nothing can be said. */
  read: boolean;
  /** Active P1 or P2 plans. */
  plans: PremiumPlan[];
  active: boolean;
}

const ACTIVE_SKU = new Set(['enabled', 'warning']);

/** Whether the snapshot read /subscribedSkus: its `reads` entry says so; without one, any SKU read proves it. */
export function skusRead(snapshot: Snapshot): boolean {
  const entry = snapshot.reads.find((read) => read.path.toLowerCase() === '/subscribedskus');
  if (entry !== undefined) return entry.status === 'complete';
  return snapshot.subscribedSkus.length > 0;
}

export function premiumLicense(snapshot: Snapshot): PremiumLicense {
  const plans: PremiumPlan[] = [];
  for (const sku of snapshot.subscribedSkus) {
    const skuActive = ACTIVE_SKU.has((sku.capabilityStatus ?? '').toLowerCase());
    for (const plan of sku.servicePlans ?? []) {
      const id = plan.servicePlanId.toLowerCase();
      if (id !== P1_PLAN_ID && id !== P2_PLAN_ID) continue;
      if (!skuActive || (plan.provisioningStatus ?? '').toLowerCase() !== 'success') continue;
      plans.push({
        skuPartNumber: sku.skuPartNumber ?? null,
        skuId: sku.skuId ?? null,
        servicePlanName: plan.servicePlanName ?? null,
        servicePlanId: plan.servicePlanId,
        capabilityStatus: sku.capabilityStatus ?? null,
      });
    }
  }
  return { read: skusRead(snapshot), plans, active: plans.length > 0 };
}
