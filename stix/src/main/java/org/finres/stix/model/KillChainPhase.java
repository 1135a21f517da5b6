package org.finres.stix.model;

/** A kill chain phase ({@code kill_chain_name}, {@code phase_name}). */
public record KillChainPhase(String killChainName, String phaseName) {}
