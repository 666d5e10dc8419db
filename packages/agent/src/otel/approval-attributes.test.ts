import { describe, expect, it } from 'vitest';
import { approvalAttributes } from './approval-attributes.js';

describe('approvalAttributes', () => {
  it('normalises the time to a UTC instant', () => {
    expect(approvalAttributes({ approver: 'alice@example.com', at: '2025-03-01T10:00:00+01:00', id: 'REQ-7' })).toEqual({
      'app.approval.approver': 'alice@example.com',
      'app.approval.at': '2025-03-01T09:00:00.000Z',
      'app.approval.id': 'REQ-7',
    });
    expect(approvalAttributes({ approver: 'bob', at: new Date(0) })).toEqual({
      'app.approval.approver': 'bob',
      'app.approval.at': '1970-01-01T00:00:00.000Z',
    });
  });

  it.each(['not a date', '', new Date(Number.NaN)])('refuses the time %j', (at) => {
    expect(() => approvalAttributes({ approver: 'alice', at })).toThrow(/"at" must be a valid Date/);
  });

  it('refuses a blank approver', () => {
    expect(() => approvalAttributes({ approver: '', at: new Date() })).toThrow(/"approver"/);
  });
});
