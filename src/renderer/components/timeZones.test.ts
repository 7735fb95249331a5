import { describe, expect, it } from 'vitest';
import { LOCAL_ZONE, offsetLabel, searchedOffset, timeZones, zoneMatches } from './timeZones';

describe('time zones', () => {
  it('offers UTC, the Etc offsets and the machine zone, each once', () => {
    const zones = timeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain(LOCAL_ZONE);
    expect(zones).toContain('Etc/GMT-8');
    expect(zones).toContain('Asia/Singapore');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('reads offsets as people write them', () => {
    expect(searchedOffset('+08')).toBe(480);
    expect(searchedOffset('UTC-5')).toBe(-300);
    expect(searchedOffset('gmt+5:30')).toBe(330);
    expect(searchedOffset('-0330')).toBe(-210);
    expect(searchedOffset('utc')).toBe(0);
    expect(searchedOffset('singapore')).toBeNull();
    expect(searchedOffset('+25')).toBeNull();
  });

  it('finds zones by city and by offset', () => {
    expect(zoneMatches('Asia/Kuala_Lumpur', 'kuala lumpur')).toBe(true);
    expect(zoneMatches('Asia/Singapore', '+08')).toBe(true);
    expect(zoneMatches('Etc/GMT-8', 'UTC+8')).toBe(true);
    expect(zoneMatches('Etc/GMT+5', 'UTC-5')).toBe(true);
    expect(zoneMatches('Asia/Singapore', 'UTC-5')).toBe(false);
    expect(zoneMatches('Asia/Kolkata', '+5:30')).toBe(true);
    expect(offsetLabel('Asia/Singapore')).toBe('UTC+08:00');
    expect(offsetLabel('UTC')).toBe('UTC±00:00');
  });
});
