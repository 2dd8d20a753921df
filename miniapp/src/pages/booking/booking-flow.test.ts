import { describe, expect, it } from 'vitest';
import { type BookingState, bookingReducer, initialBooking } from './booking-flow.ts';

function run(...actions: Parameters<typeof bookingReducer>[1][]): BookingState {
  return actions.reduce(bookingReducer, initialBooking);
}

describe('booking flow', () => {
  it('walks branch → package → doctor → date → slot → profile → confirm', () => {
    const s = run(
      { type: 'branch', branchId: 'b1' },
      { type: 'package', packageId: 'p1', departmentId: 'd1' },
      { type: 'doctor', doctorId: null },
      { type: 'date', date: '2026-12-01' },
      { type: 'slot', slotId: 's1' },
      { type: 'profile', profileId: 'pr1' },
    );
    expect(s).toEqual({
      step: 'confirm',
      choice: {
        branchId: 'b1',
        packageId: 'p1',
        departmentId: 'd1',
        doctorId: null,
        date: '2026-12-01',
        slotId: 's1',
        profileId: 'pr1',
      },
    });
  });

  it('forgets the later choices when an earlier one changes', () => {
    const s = run(
      { type: 'branch', branchId: 'b1' },
      { type: 'specialty', departmentId: 'd1' },
      { type: 'doctor', doctorId: 'doc1' },
      { type: 'date', date: '2026-12-01' },
      { type: 'back' },
      { type: 'back' },
      { type: 'back' },
      { type: 'back' },
      { type: 'branch', branchId: 'b2' },
    );
    expect(s).toEqual({ step: 'service', choice: { branchId: 'b2' } });
  });

  it('keeps the choices when only stepping back, and a specialty replaces a package', () => {
    const s = run(
      { type: 'branch', branchId: 'b1' },
      { type: 'package', packageId: 'p1', departmentId: 'd1' },
      { type: 'back' },
    );
    expect(s.step).toBe('service');
    expect(s.choice.packageId).toBe('p1');
    expect(bookingReducer(s, { type: 'specialty', departmentId: 'd2' }).choice).toEqual({
      branchId: 'b1',
      departmentId: 'd2',
    });
  });

  it('sends the patient back to the times when the slot was taken or the hold ran out', () => {
    const s = run(
      { type: 'branch', branchId: 'b1' },
      { type: 'specialty', departmentId: 'd1' },
      { type: 'doctor', doctorId: 'doc1' },
      { type: 'date', date: '2026-12-01' },
      { type: 'slot', slotId: 's1' },
      { type: 'profile', profileId: 'pr1' },
      { type: 'restart-from', step: 'slot' },
    );
    expect(s).toEqual({
      step: 'slot',
      choice: { branchId: 'b1', departmentId: 'd1', doctorId: 'doc1', date: '2026-12-01' },
    });
  });

  it('does not step back past the first step', () => {
    expect(bookingReducer(initialBooking, { type: 'back' })).toBe(initialBooking);
  });
});
