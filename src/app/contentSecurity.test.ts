import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, downloadOrigin, needsReloadToDownload } from './contentSecurity';

describe('content security policy', () => {
  it('allows only the app itself by default', () => {
    const policy = contentSecurityPolicy(null);
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/https?:/);
  });

  it('adds exactly the chosen download origin', () => {
    expect(contentSecurityPolicy('https://models.example.org')).toContain("connect-src 'self' https://models.example.org;");
  });

  it('takes the origin of a download URL and ignores anything else', () => {
    expect(downloadOrigin('https://models.example.org/mert/v1/')).toBe('https://models.example.org');
    expect(downloadOrigin('http://nas.local:8080/x')).toBe('http://nas.local:8080');
    expect(downloadOrigin('javascript:alert(1)')).toBeNull();
    expect(downloadOrigin('not a url')).toBeNull();
  });

  it('knows when a download origin is not yet allowed by the policy in force (a reload is needed)', () => {
    expect(needsReloadToDownload('https://models.example.org/mert/', null)).toBe(true);
    expect(needsReloadToDownload('https://models.example.org/mert/', 'https://other.example.org')).toBe(true);
    expect(needsReloadToDownload('https://models.example.org/mert/', 'https://models.example.org')).toBe(false);
    // No policy installed (development server): nothing to reload for.
    expect(needsReloadToDownload('https://models.example.org/mert/', undefined)).toBe(false);
  });
});
