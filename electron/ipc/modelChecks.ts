/**
 * The core declares its own model (electron/core/**\/model.ts); the IPC contract declares the wire's
 * (shared/contract). Where the two are meant to be the same shape, the handlers pass the core's values on as they
 * are — and this file has the compiler prove, type by type, that the shapes are equal both ways: a field added to
 * one and not the other fails `npm run typecheck` here, before any call could carry it. The dispatcher still
 * parses every answer with the contract's schema at run time.
 */
import type * as wireAccount from '../../shared/contract/account';
import type * as wireAuth from '../../shared/contract/auth';
import type * as wireCommon from '../../shared/contract/common';
import type * as wireErrors from '../../shared/contract/errors';
import type * as wireKiosk from '../../shared/contract/kiosk';
import type * as wireSecurity from '../../shared/contract/security';
import type * as wireSupport from '../../shared/contract/support';
import type * as wirePayments from '../../shared/contract/payments';
import type * as coreAccount from '../core/account/model';
import type * as coreAuth from '../core/auth/model';
import type * as coreErrors from '../core/errors';
import type * as coreKiosk from '../core/kiosk/model';
import type * as core from '../core/model';
import type * as coreSecurity from '../core/security/model';
import type * as coreSupport from '../core/support/model';
import type * as coreMoney from '../core/money/model';

/** true only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only for `true`. */
type Proven<T extends true> = T;

export type ModelChecks = [
  Proven<Same<core.LocalizedText, wireCommon.LocalizedText>>,
  Proven<Same<coreAccount.PackageKind, wireAccount.PackageKind>>,
  Proven<Same<coreAccount.PackageUnit, wireAccount.PackageUnit>>,
  Proven<Same<coreAccount.Remainder, wireAccount.Remainder>>,
  Proven<Same<coreAccount.AccountOverview, wireAccount.AccountOverview>>,
  Proven<Same<coreAccount.TariffCard, wireAccount.TariffCard>>,
  Proven<Same<coreAccount.TariffChangePreview, wireAccount.TariffChangePreview>>,
  Proven<Same<coreAccount.TariffAdvice, wireAccount.TariffAdvice>>,
  Proven<Same<coreAccount.ServiceCard, wireAccount.ServiceCard>>,
  Proven<Same<coreAccount.DetailRow, wireAccount.DetailRow>>,
  Proven<Same<coreAccount.UsageDetail, wireAccount.UsageDetail>>,
  Proven<Same<coreAccount.DetailSummary, wireAccount.DetailSummary>>,
  Proven<Same<coreAccount.DetailPage, wireAccount.DetailPage>>,
  Proven<Same<coreMoney.PaymentKind, wirePayments.PaymentKind>>,
  Proven<Same<coreMoney.PaymentStatus, wirePayments.PaymentStatus>>,
  Proven<Same<coreMoney.DeclineReason, wirePayments.DeclineReason>>,
  Proven<Same<coreMoney.Payment, wirePayments.Payment>>,
  Proven<Same<coreMoney.SavedCard, wirePayments.SavedCard>>,
  Proven<Same<coreMoney.PaymentOptions, wirePayments.PaymentOptions>>,
  Proven<Same<coreMoney.TransferPreview, wirePayments.TransferPreview>>,
  Proven<Same<coreMoney.PromisedIneligibility, wirePayments.PromisedIneligibility>>,
  Proven<Same<coreMoney.PromisedOffer, wirePayments.PromisedOffer>>,
  Proven<Same<coreMoney.Receipt, wirePayments.Receipt>>,
  Proven<Same<coreMoney.AutopayView, wirePayments.AutopayRule>>,
  Proven<Same<coreAuth.SignInWay, wireAuth.SignInWay>>,
  Proven<Same<coreAuth.SocialProvider, wireAuth.SocialProvider>>,
  Proven<Same<coreErrors.ErrorCode, wireErrors.ErrorCode>>,
  Proven<Same<coreKiosk.KioskSettings, wireKiosk.KioskSettings>>,
  Proven<Same<coreKiosk.KioskStatus, wireKiosk.KioskStatus>>,
  Proven<Same<coreKiosk.StaffAction, wireKiosk.StaffAction>>,
  Proven<Same<coreKiosk.StaffLogEntry, wireKiosk.StaffLogEntry>>,
  Proven<Same<coreKiosk.PrinterInfo, wireKiosk.PrinterInfo>>,
  Proven<Same<coreSecurity.SimBlockStatus, wireSecurity.SimBlockStatus>>,
  Proven<Same<coreSecurity.ProfileNumberView, wireSecurity.ProfileNumberView>>,
  Proven<Same<coreSupport.SupportStatus, wireSupport.SupportStatus>>,
  Proven<Same<coreSupport.AttachmentMediaType, wireSupport.AttachmentMediaType>>,
  Proven<Same<coreSupport.KbArticle, wireSupport.KbArticle>>,
  Proven<Same<coreSupport.SupportRequestSummary, wireSupport.SupportRequestSummary>>,
  Proven<Same<coreSupport.SupportThread, wireSupport.SupportThread>>,
];
