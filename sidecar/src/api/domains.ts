/**
 * Domains and the region rules the old SDK derives from the domain string (spec/api.md §2.1, §9.1).
 * Every rule is a substring test on the configured domain, kept exactly for wire compatibility.
 */

/** Region aliases accepted as `domain`. */
export const DOMAIN_ALIASES: Readonly<Record<string, string>> = {
  China: 'task.renderbus.com',
  Foreign: 'jop.foxrenderfarm.com',
};

export const DEFAULT_DOMAIN = DOMAIN_ALIASES.China;

/** Resolves 'China' / 'Foreign' to their hosts; any other value is a host[:port] used as given. */
export function resolveDomain(domain: string | undefined): string {
  const value = (domain ?? '').trim();
  if (!value) return DEFAULT_DOMAIN;
  return DOMAIN_ALIASES[value] ?? value;
}

/** `languageFlag` header: "1" when the domain contains "renderbus" (case-sensitive), else "0". */
export function languageFlag(domain: string): '0' | '1' {
  return domain.includes('renderbus') ? '1' : '0';
}

/** `zone` of queryPlatforms: 1 when the lower-cased domain contains "renderbus", else 2. */
export function platformsZone(domain: string): 1 | 2 {
  return domain.toLowerCase().includes('renderbus') ? 1 : 2;
}

/** `zone` of getServerInfo: the old SDK's inverted rule (1 when "renderbus" is absent), kept as sent. */
export function transferServerZone(domain: string): 1 | 2 {
  return domain.includes('renderbus') ? 2 : 1;
}

/** Language of error details in the check: "0" (Chinese) when the domain starts with "task", else "1". */
export function errorDetailLanguage(domain: string): '0' | '1' {
  return domain.startsWith('task') ? '0' : '1';
}
