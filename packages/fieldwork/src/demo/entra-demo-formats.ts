import { createHash } from 'node:crypto';
import type { DemoContext, DemoPerson } from './demo-context.js';

/** What happened to an account, independent of the identity provider that records it. */
export type IdentityFactType = 'create' | 'activate' | 'reactivate' | 'deactivate' | 'suspend' | 'grant' | 'login' | 'mfa_enroll' | 'mfa_reset';

/** One identity event of the demo company, as the parts generate it before writing any format. */
export interface IdentityFact {
  at: string;
  type: IdentityFactType;
  /** The account acted on. */
  person: { email: string; name: string; oktaId: string };
  /** `self` when the person acted on their own account (sign-in, factor enrolment), else the IT admin. */
  by: 'self' | 'admin';
  /** The application of a grant. */
  app?: string;
  /** The event's id (Okta `uuid`, Entra `id`) and request id, drawn once for every format. */
  uuid: string;
  requestId: string;
}

/** A stable Entra object id (a GUID) for a demo identity. */
export function entraObjectId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Enterprise applications of the demo tenant: the service principal's app id, stable per name. */
const appId = (app: string) => entraObjectId(`app:${app}`);

const ACTIVITY: Record<Exclude<IdentityFactType, 'login' | 'activate'>, { name: string; category: string; service: string; operationType: string }> = {
  create: { name: 'Add user', category: 'UserManagement', service: 'Core Directory', operationType: 'Add' },
  reactivate: { name: 'Enable account', category: 'UserManagement', service: 'Core Directory', operationType: 'Update' },
  deactivate: { name: 'Disable account', category: 'UserManagement', service: 'Core Directory', operationType: 'Update' },
  // Entra has no suspension apart from disabling the account.
  suspend: { name: 'Disable account', category: 'UserManagement', service: 'Core Directory', operationType: 'Update' },
  grant: { name: 'Add app role assignment to user', category: 'UserManagement', service: 'Core Directory', operationType: 'Assign' },
  mfa_enroll: { name: 'User registered security info', category: 'UserManagement', service: 'Authentication Methods', operationType: 'Add' },
  mfa_reset: { name: 'Admin deleted security info', category: 'UserManagement', service: 'Authentication Methods', operationType: 'Delete' },
};

const json = (v: unknown) => JSON.stringify(v);

/**
 * The facts other than sign-ins as a Graph `GET /v1.0/auditLogs/directoryAudits` response
 * (newest first, as Graph returns them). An Okta activation right after creation has no Entra
 * event of its own: `Add user` creates the account enabled.
 */
export function entraDirectoryAudits(facts: IdentityFact[], domain: string): string {
  const admin = { id: entraObjectId('it-admin'), displayName: 'IT Admin', userPrincipalName: `it-admin@${domain}`, ipAddress: '203.0.113.10', userType: null, homeTenantId: null, homeTenantName: null };
  const value = facts.filter((f) => f.type !== 'login' && f.type !== 'activate').map((f) => {
    const a = ACTIVITY[f.type as keyof typeof ACTIVITY];
    const userId = entraObjectId(f.person.oktaId);
    const user = { id: userId, displayName: null, type: 'User', userPrincipalName: f.person.email, groupType: null, modifiedProperties: [] as object[] };
    const targets: object[] = [user];
    if (f.type === 'create') {
      user.modifiedProperties = [
        { displayName: 'AccountEnabled', oldValue: '[]', newValue: '[true]' },
        { displayName: 'DisplayName', oldValue: '[]', newValue: json([f.person.name]) },
        { displayName: 'UserPrincipalName', oldValue: '[]', newValue: json([f.person.email]) },
        { displayName: 'Included Updated Properties', oldValue: null, newValue: '"AccountEnabled, DisplayName, UserPrincipalName"' },
      ];
    } else if (f.type === 'reactivate' || f.type === 'deactivate' || f.type === 'suspend') {
      const on = f.type === 'reactivate';
      user.modifiedProperties = [
        { displayName: 'AccountEnabled', oldValue: `[${!on}]`, newValue: `[${on}]` },
        { displayName: 'Included Updated Properties', oldValue: null, newValue: '"AccountEnabled"' },
      ];
    } else if (f.type === 'grant') {
      const sp = entraObjectId(`sp:${f.app}`);
      targets.unshift({
        id: sp, displayName: f.app, type: 'ServicePrincipal', userPrincipalName: null, groupType: null,
        modifiedProperties: [
          { displayName: 'AppRole.Id', oldValue: null, newValue: '"00000000-0000-0000-0000-000000000000"' },
          { displayName: 'AppRole.DisplayName', oldValue: null, newValue: '"Default Access"' },
          { displayName: 'User.ObjectID', oldValue: null, newValue: json(userId) },
          { displayName: 'User.UPN', oldValue: null, newValue: json(f.person.email) },
          { displayName: 'ServicePrincipal.ObjectID', oldValue: null, newValue: json(sp) },
          { displayName: 'ServicePrincipal.DisplayName', oldValue: null, newValue: json(f.app) },
          { displayName: 'ServicePrincipal.AppId', oldValue: null, newValue: json(appId(f.app ?? '')) },
        ],
      });
    }
    const initiator = f.by === 'self' ? { id: userId, displayName: f.person.name, userPrincipalName: f.person.email, ipAddress: '203.0.113.10', userType: null, homeTenantId: null, homeTenantName: null } : admin;
    return {
      id: `Directory_${f.uuid}_${f.requestId.slice(0, 5).toUpperCase()}_${parseInt(f.requestId.slice(5, 12), 16) % 100_000_000}`,
      category: a.category,
      correlationId: f.uuid,
      result: 'success',
      resultReason: '',
      activityDisplayName: a.name,
      activityDateTime: f.at,
      loggedByService: a.service,
      operationType: a.operationType,
      initiatedBy: { app: null, user: initiator },
      targetResources: targets,
      additionalDetails: f.type === 'create' ? [{ key: 'UserType', value: 'Member' }] : [],
    };
  }).reverse();
  return JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits', value }, null, 2) + '\n';
}

/**
 * The sign-ins as a Graph `GET /beta/auditLogs/signIns` response (beta carries
 * `authenticationRequirement`): each to the My Apps portal, multi-factor when the person had a
 * factor registered at that moment (replayed from the enrol and remove facts), single-factor otherwise.
 */
export function entraSignIns(facts: IdentityFact[]): string {
  const registered = new Map<string, boolean>();
  const value: object[] = [];
  for (const f of [...facts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    if (f.type === 'mfa_enroll' || f.type === 'mfa_reset') registered.set(f.person.email, f.type === 'mfa_enroll');
    if (f.type !== 'login') continue;
    const mfa = registered.get(f.person.email) === true;
    value.push({
      id: f.uuid,
      createdDateTime: f.at,
      userDisplayName: f.person.name,
      userPrincipalName: f.person.email,
      userId: entraObjectId(f.person.oktaId),
      appId: '2793995e-0a7d-40d7-bd35-6968ba142197',
      appDisplayName: 'My Apps',
      ipAddress: '203.0.113.10',
      clientAppUsed: 'Browser',
      correlationId: f.requestId,
      conditionalAccessStatus: 'notApplied',
      isInteractive: true,
      signInEventTypes: ['interactiveUser'],
      authenticationRequirement: mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
      resourceDisplayName: 'Windows Azure Active Directory',
      status: { errorCode: 0, failureReason: 'Other.', additionalDetails: mfa ? 'MFA requirement satisfied by claim in the token' : null },
      deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'MacOs', browser: 'Chrome 126.0.0', isCompliant: false, isManaged: false, trustType: '' },
      location: { city: 'San Francisco', state: 'California', countryOrRegion: 'US', geoCoordinates: { latitude: 37.79, longitude: -122.39 } },
    });
  }
  return JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#auditLogs/signIns', value: value.reverse() }, null, 2) + '\n';
}

/** What the identity part saw of each person, for the roster at the end of the window. */
export interface RosterSeen {
  enrolledOn: Map<DemoPerson, string>;
  lastSignIn: Map<DemoPerson, string>;
  accountEnd: Map<DemoPerson, string>;
  noFactors: Set<DemoPerson>;
}

/**
 * The Entra account roster at the end of the window, as Graph `GET /v1.0/users` (with
 * `signInActivity`) and `GET /v1.0/reports/authenticationMethods/userRegistrationDetails` return
 * it, dated by the day they were fetched. Deleted users are not listed; a suspended Okta account is
 * a disabled Entra account (`accountEnabled: false`).
 */
export function entraRoster(ctx: DemoContext, seen: RosterSeen): Record<string, string> {
  const day = ctx.period.to;
  const users: object[] = [];
  const registrations: object[] = [];
  for (const p of ctx.people) {
    if (p.hireDate > day) continue;
    const status = seen.accountEnd.get(p) ?? 'ACTIVE';
    if (status === 'DEPROVISIONED') continue;
    const id = entraObjectId(p.oktaId);
    const name = `${p.firstName} ${p.lastName}`;
    const last = seen.lastSignIn.get(p) ?? null;
    users.push({
      id, displayName: name, userPrincipalName: p.email, mail: p.email, accountEnabled: status === 'ACTIVE', userType: 'Member', createdDateTime: `${p.hireDate}T16:00:00Z`,
      signInActivity: { lastSignInDateTime: last, lastSignInRequestId: null, lastNonInteractiveSignInDateTime: null, lastNonInteractiveSignInRequestId: null, lastSuccessfulSignInDateTime: last, lastSuccessfulSignInRequestId: null },
    });
    const mfa = seen.enrolledOn.has(p) && !seen.noFactors.has(p);
    registrations.push({
      id, userPrincipalName: p.email, userDisplayName: name, userType: 'member', isAdmin: false,
      isSsprRegistered: mfa, isSsprEnabled: true, isSsprCapable: mfa, isMfaRegistered: mfa, isMfaCapable: mfa, isPasswordlessCapable: false,
      methodsRegistered: mfa ? ['microsoftAuthenticatorPush'] : [], isSystemPreferredAuthenticationMethodEnabled: true, systemPreferredAuthenticationMethods: mfa ? ['push'] : [],
      userPreferredMethodForSecondaryAuthentication: mfa ? 'push' : 'none', lastUpdatedDateTime: `${day}T06:00:00Z`,
    });
  }
  return {
    [`exports/entra/users/entra-users-${day}.json`]: JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,mail,displayName,accountEnabled,userType,createdDateTime,signInActivity)', value: users }, null, 2) + '\n',
    [`exports/entra/users/entra-registration-details-${day}.json`]: JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails', value: registrations }, null, 2) + '\n',
  };
}
