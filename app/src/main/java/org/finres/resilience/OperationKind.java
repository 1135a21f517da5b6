package org.finres.resilience;

/** What an operation in the command view is: a planned drill or a real incident. */
public enum OperationKind { DRILL, INCIDENT }
