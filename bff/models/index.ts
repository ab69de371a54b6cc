import type { Connection } from 'mongoose';
import { branchSchema } from './Branch';
import { userSchema } from './User';
import { wechatBindingSchema } from './WechatBinding';
import { regionSchema } from './Region';
import { gridSchema } from './Grid';
import { householdSchema } from './Household';
import { auditEventSchema } from './AuditEvent';
import { clientSubmissionSchema } from './ClientSubmission';
import { householdRevisionSchema } from './HouseholdRevision';
import { loginFailureSchema } from './LoginFailure';
import { visitSchema } from './Visit';
import { odsSnapshotSchema } from './OdsSnapshot';
import { odsImportSchema } from './OdsImport';
import { photoDataSchema, photoSchema } from './Photo';
import { visitConfirmationSchema } from './VisitConfirmation';
import { managerStatsSchema } from './ManagerStats';
import { customerSchema } from './Customer';
import { customerIdentitySchema } from './CustomerIdentity';
import { shareCardSchema } from './ShareCard';
import { shareCardClaimSchema } from './ShareCardClaim';
import { managerAvailabilitySchema } from './ManagerAvailability';
import { appointmentSchema } from './Appointment';
import { appointmentRevisionSchema } from './AppointmentRevision';
import { slotClaimSchema } from './SlotClaim';
import { reminderDeliverySchema } from './ReminderDelivery';
import { householdPortraitSchema } from './HouseholdPortrait';
import { managerTransferSchema } from './ManagerTransfer';
import { v7EventSchema } from './V7Event';
import { v7SyncAttemptSchema } from './V7SyncAttempt';
import { v7SyncRetrySchema } from './V7SyncRetry';
import { creditUsageSchema } from './CreditUsage';
import { creditEvaluationSchema } from './CreditEvaluation';
import { creditApplicationSchema } from './CreditApplication';
import { approvalStepSchema } from './ApprovalStep';
import { pendingApplicationClaimSchema } from './PendingApplicationClaim';
import { creditReviewRequestSchema } from './CreditReviewRequest';
import { funnelMarkSchema } from './FunnelMark';
import { funnelRollupSchema } from './FunnelRollup';

/**
 * Binds every model to one connection. The app receives its models rather than using
 * mongoose's global connection, so tests can run several apps (or restart one) against
 * their own databases in one process.
 */
export function createModels(conn: Connection) {
  return {
    Branch: conn.model('Branch', branchSchema),
    User: conn.model('User', userSchema),
    WechatBinding: conn.model('WechatBinding', wechatBindingSchema),
    Region: conn.model('Region', regionSchema),
    Grid: conn.model('Grid', gridSchema),
    Household: conn.model('Household', householdSchema),
    AuditEvent: conn.model('AuditEvent', auditEventSchema),
    ClientSubmission: conn.model('ClientSubmission', clientSubmissionSchema),
    HouseholdRevision: conn.model('HouseholdRevision', householdRevisionSchema),
    LoginFailure: conn.model('LoginFailure', loginFailureSchema),
    Visit: conn.model('Visit', visitSchema),
    OdsSnapshot: conn.model('OdsSnapshot', odsSnapshotSchema),
    OdsImport: conn.model('OdsImport', odsImportSchema),
    Photo: conn.model('Photo', photoSchema),
    PhotoData: conn.model('PhotoData', photoDataSchema, 'photodata'),
    VisitConfirmation: conn.model('VisitConfirmation', visitConfirmationSchema),
    ManagerStats: conn.model('ManagerStats', managerStatsSchema),
    Customer: conn.model('Customer', customerSchema),
    CustomerIdentity: conn.model('CustomerIdentity', customerIdentitySchema),
    ShareCard: conn.model('ShareCard', shareCardSchema),
    ShareCardClaim: conn.model('ShareCardClaim', shareCardClaimSchema),
    ManagerAvailability: conn.model('ManagerAvailability', managerAvailabilitySchema),
    Appointment: conn.model('Appointment', appointmentSchema),
    AppointmentRevision: conn.model('AppointmentRevision', appointmentRevisionSchema),
    SlotClaim: conn.model('SlotClaim', slotClaimSchema),
    ReminderDelivery: conn.model('ReminderDelivery', reminderDeliverySchema),
    HouseholdPortrait: conn.model('HouseholdPortrait', householdPortraitSchema),
    ManagerTransfer: conn.model('ManagerTransfer', managerTransferSchema),
    V7Event: conn.model('V7Event', v7EventSchema, 'v7events'),
    V7SyncAttempt: conn.model('V7SyncAttempt', v7SyncAttemptSchema, 'v7syncattempts'),
    V7SyncRetry: conn.model('V7SyncRetry', v7SyncRetrySchema, 'v7syncretries'),
    CreditUsage: conn.model('CreditUsage', creditUsageSchema, 'creditusages'),
    CreditEvaluation: conn.model('CreditEvaluation', creditEvaluationSchema),
    CreditApplication: conn.model('CreditApplication', creditApplicationSchema),
    ApprovalStep: conn.model('ApprovalStep', approvalStepSchema),
    PendingApplicationClaim: conn.model('PendingApplicationClaim', pendingApplicationClaimSchema),
    CreditReviewRequest: conn.model('CreditReviewRequest', creditReviewRequestSchema),
    FunnelMark: conn.model('FunnelMark', funnelMarkSchema, 'funnelmarks'),
    FunnelRollup: conn.model('FunnelRollup', funnelRollupSchema, 'funnelrollups'),
  };
}

export type Models = ReturnType<typeof createModels>;
