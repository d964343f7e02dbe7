/** @module The text of every account mail. Each carries one link; none says more about an account than its owner knows. */
import type { AccountMail } from './mailer.ts';

export function verificationMail(to: string, link: string): AccountMail {
  return {
    to,
    subject: 'Confirm your email address',
    text: `Confirm that this address is yours to finish setting up your Patchbay account:\n\n${link}\n\nThe link works once, for 24 hours. If you did not sign up, ignore this mail.`,
    link,
  };
}

/** Sent instead of a sign-up confirmation when the address already has an account (F14). */
export function accountExistsMail(to: string, link: string): AccountMail {
  return {
    to,
    subject: 'You already have a Patchbay account',
    text: `Someone tried to sign up with this address, which already has an account. If it was you, sign in, or reset your password here:\n\n${link}\n\nIf it was not you, ignore this mail.`,
    link,
  };
}

export function passwordResetMail(to: string, link: string): AccountMail {
  return {
    to,
    subject: 'Reset your Patchbay password',
    text: `Choose a new password here:\n\n${link}\n\nThe link works once, for 1 hour, and signs you out everywhere. If you did not ask for it, ignore this mail.`,
    link,
  };
}

export function invitationMail(to: string, organization: string, role: string, link: string): AccountMail {
  return {
    to,
    subject: `You are invited to ${organization} on Patchbay`,
    text: `You are invited to join ${organization} as ${role}. Sign in (or sign up) with this address and accept here:\n\n${link}\n\nThe invitation expires in 7 days.`,
    link,
  };
}
