/** Admission and the intake pipeline shared by every transport: decode, grade, store, acknowledge after commit. */
package org.finres.events.internal.intake;
