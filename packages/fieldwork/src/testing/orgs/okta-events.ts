import type { Random } from './org-kit.js';

/** Who an Okta event is by or about. */
export interface OktaUser {
  id: string;
  alternateId: string;
  displayName: string;
}

/** The Okta admin who runs lifecycle changes. */
export const OKTA_ADMIN: OktaUser = { id: '00uadmin00000000000', alternateId: 'it-admin@okta', displayName: 'IT Admin' };

/** One Okta System Log event (`GET /api/v1/logs` item) as a JSON line. */
export function oktaEvent(rng: Random, at: string, eventType: string, target: OktaUser | undefined, actor: OktaUser, app?: string): { at: string; line: string } {
  const targets = [
    ...(app && target ? [{ id: `0ua${rng.hex(17)}`, type: 'AppUser', alternateId: target.alternateId, displayName: target.displayName, detailEntry: null }] : []),
    ...(app ? [{ id: `0oa${rng.hex(17)}`, type: 'AppInstance', alternateId: app, displayName: app, detailEntry: null }] : []),
    ...(target ? [{ ...target, type: 'User', detailEntry: null }] : []),
  ];
  return {
    at,
    line: JSON.stringify({
      actor: { ...actor, type: 'User', detailEntry: null },
      client: { userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' }, zone: 'null', device: 'Computer', id: null, ipAddress: '198.51.100.20', geographicalContext: { city: 'Boston', state: 'Massachusetts', country: 'United States', postalCode: '02110', geolocation: { lat: 42.36, lon: -71.05 } } },
      authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: `trs${rng.hex(20)}` },
      displayMessage: eventType, eventType, outcome: { result: 'SUCCESS', reason: null }, published: at,
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null }, severity: 'INFO',
      debugContext: { debugData: { requestId: rng.hex(24) } }, legacyEventType: null,
      transaction: { type: 'WEB', id: rng.hex(24), detail: {} }, uuid: rng.uuid(), version: '0', request: { ipChain: [] }, target: targets,
    }),
  };
}
