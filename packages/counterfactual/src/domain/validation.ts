import { AppError } from '@quintessence/platform';

/** Error codes of the counterfactual module (code -> HTTP status). */
export const counterfactualErrorCodes = {
  COUNTERFACTUAL_TEXT_TOO_LONG: 413,
  COUNTERFACTUAL_EMPTY_TEXT: 400,
  COUNTERFACTUAL_UNKNOWN_ATTRIBUTE: 400,
  COUNTERFACTUAL_UNKNOWN_VALUE: 400,
  COUNTERFACTUAL_PROHIBITED_ATTRIBUTE: 422,
  COUNTERFACTUAL_BAD_INPUT: 400,
  COUNTERFACTUAL_MODEL_FAILED: 502,
} as const satisfies Record<string, number>;

/** Attributes the lab generates counterfactuals for: gender swaps plus the 13 HolisticBias axes. */
export const allowedAttributes = [
  'gender',
  'ability',
  'age',
  'body_type',
  'characteristics',
  'cultural',
  'gender_and_sex',
  'nationality',
  'nonce',
  'political_ideologies',
  'race_ethnicity',
  'religion',
  'sexual_orientation',
  'socioeconomic_class',
] as const;
export type AllowedAttribute = (typeof allowedAttributes)[number];

/**
 * Attributes the lab refuses to manipulate: rewriting them produces impersonation or defamation material rather than
 * a fairness test (the seed's refusal list, kept and named).
 */
export const prohibitedAttributes: Readonly<Record<string, string>> = {
  identity: 'changing who a real, named person is enables impersonation',
  face_identity: 'face identity swaps are biometric impersonation',
  biometric: 'biometric traits identify individuals (GDPR Art. 9)',
  voice: 'voice cloning enables impersonation',
  real_person: 'counterfactuals about real, named people can defame them',
  criminal_record: 'attributing crimes to people is defamatory',
  health_record: 'fabricating health data about individuals is prohibited (GDPR Art. 9)',
  nudity: 'sexualised content is out of scope',
};

/** Length limits for one input text (characters). */
export interface TextLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** Checks one input text against the length limits (defaults 1..2,000 characters after trimming). */
export function validateText(text: string, limits: TextLimits = {}): string {
  const { minLength = 1, maxLength = 2000 } = limits;
  const trimmed = text.trim();
  if (trimmed.length < minLength) {
    throw new AppError('COUNTERFACTUAL_EMPTY_TEXT', `text must have at least ${minLength} character(s)`);
  }
  if (text.length > maxLength) {
    throw new AppError('COUNTERFACTUAL_TEXT_TOO_LONG', `text has ${text.length} characters; the limit is ${maxLength}`);
  }
  return text;
}

/** Validates an attribute name: prohibited ones are refused with the reason, unknown ones list the allowed set. */
export function validateAttribute(attribute: string): AllowedAttribute {
  const key = attribute.trim().toLowerCase();
  const reason = prohibitedAttributes[key];
  if (reason) {
    throw new AppError('COUNTERFACTUAL_PROHIBITED_ATTRIBUTE', `attribute "${attribute}" is prohibited: ${reason}`);
  }
  if (!(allowedAttributes as readonly string[]).includes(key)) {
    throw new AppError(
      'COUNTERFACTUAL_UNKNOWN_ATTRIBUTE',
      `unknown attribute "${attribute}"; allowed: ${allowedAttributes.join(', ')}`,
    );
  }
  return key as AllowedAttribute;
}
