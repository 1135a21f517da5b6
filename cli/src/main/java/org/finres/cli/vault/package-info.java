/**
 * {@code finres vault}: the data safe harbour on the command line: make repositories, import core data, back up,
 * list, verify, restore, prune, drill restores and handle custodian and signing keys, with the hub's vault API
 * for custody, attestations, restore approvals and drill evidence.
 */
package org.finres.cli.vault;
