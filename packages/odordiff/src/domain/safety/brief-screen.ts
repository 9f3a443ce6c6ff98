import { naturalAllergensIn } from './eu-allergen-fixture.js';

/** Result of screening a design brief before any generation. */
export interface BriefScreen {
  readonly refused: boolean;
  /** Why the brief was refused (empty when accepted). */
  readonly reasons: readonly string[];
  /**
   * EU 2023/1545 natural allergens (essential oils, extracts: no single structure) the brief names; each must be
   * labelled above 0.001 % in leave-on / 0.01 % in rinse-off products if used. Informational, never a refusal.
   */
  readonly naturalAllergens: readonly { readonly name: string; readonly matched: string; readonly reason: string }[];
}

const refusalTopics: readonly { readonly topic: string; readonly pattern: RegExp }[] = [
  {
    topic: 'weapons',
    pattern:
      /\b(chemical weapons?|weapons?|nerve (agent|gas)|sarin|soman|tabun|novichok|vx|mustard gas|phosgene|chlorine gas|tear gas|incapacitat\w*|toxin|ricin|abrin|poison(ous|ing)|lethal|kill\w*|assassinat\w*|warfare|bioweapon\w*)\b/i,
  },
  {
    topic: 'explosives',
    pattern:
      /\b(explosives?|explod\w*|detonat\w*|bombs?|ieds?|tnt|rdx|hmx|petn|tatp|hmtd|nitroglycerin\w*|picric|blasting|propellant|pyrotechnic\w*|incendiar\w*|thermite)\b/i,
  },
  {
    topic: 'drugs',
    pattern:
      /\b(drugs? of abuse|recreational drugs?|narcotics?|psychoactive|psychedelic\w*|hallucinogen\w*|opioids?|fentanyl\w*|heroin|morphine|cocaine|crack|methamphetamine|amphetamines?|meth|mdma|ecstasy|lsd|ketamine|ghb|cannabinoids?|thc|cathinones?|precursors? (for|of|to) \w+|get (people )?high|intoxicat\w*|date rape|roofies?)\b/i,
  },
];

/**
 * Refuses briefs that ask for weapons, explosives or drugs (whole-word matches, case-insensitive). Perfumery
 * vocabulary such as "smoky", "leather" or "animalic" is not affected.
 *
 * @example
 * screenBrief('fresh citrus with woody undertones').refused; // false
 * screenBrief('a nerve agent that smells of roses').refused; // true
 */
export function screenBrief(text: string): BriefScreen {
  const reasons: string[] = [];
  for (const { topic, pattern } of refusalTopics) {
    const m = pattern.exec(text);
    if (m) reasons.push(`brief mentions "${m[0]}" (${topic}): OdorDiff designs fragrance molecules only`);
  }
  const naturalAllergens = naturalAllergensIn(text).map((m) => ({
    name: m.allergen.name,
    matched: m.matched,
    reason: m.allergen.reason,
  }));
  return { refused: reasons.length > 0, reasons, naturalAllergens };
}
