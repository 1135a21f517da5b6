package org.finres.vault;

/**
 * Where a restore request stands: PENDING until M custodians approved (APPROVED, the shares may be handed to the
 * restoring institution) or until so many denied that M approvals can no longer be reached (DENIED).
 */
public enum RestoreStatus { PENDING, APPROVED, DENIED }
