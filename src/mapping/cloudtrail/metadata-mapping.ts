// `metadata` and `cloud`: which product and log the row came from, and where.

import { type ConsumedPaths, type RawRecord, takeText } from './raw-fields.ts';

interface OcsfMetadata {
  product: { name: string; vendor_name: string; version?: string; feature?: { name: string } };
  event_code?: string;
  uid?: string;
  profiles: readonly string[];
  version: string;
}

/** Shared by every row; rows are read-only values, so one frozen list serves them all. */
const PROFILES: readonly string[] = Object.freeze(['cloud', 'datetime']);
const ALL_CATEGORIES = 'Management, Data, and Insights';

export function mapMetadata(event: RawRecord, consumed: ConsumedPaths): OcsfMetadata {
  const metadata: OcsfMetadata = {
    product: { name: 'CloudTrail', vendor_name: 'AWS' },
    profiles: PROFILES,
    version: '1.1.0',
  };
  const productVersion = takeText(event, 'eventVersion', 'eventVersion', consumed);
  if (productVersion !== undefined) metadata.product.version = productVersion;
  // Records from before `eventCategory` (2021) name no category; Security Lake then names all three.
  const feature = takeText(event, 'eventCategory', 'eventCategory', consumed) ?? ALL_CATEGORIES;
  metadata.product.feature = { name: feature };
  const eventCode = takeText(event, 'eventType', 'eventType', consumed);
  if (eventCode !== undefined) metadata.event_code = eventCode;
  const uid = takeText(event, 'eventID', 'eventID', consumed);
  if (uid !== undefined) metadata.uid = uid;
  return metadata;
}

export function mapCloud(region: string, consumed: ConsumedPaths): { region: string; provider: string } {
  consumed.add('awsRegion');
  return { region, provider: 'AWS' };
}
