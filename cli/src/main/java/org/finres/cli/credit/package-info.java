/** {@code finres credit}: the sharing credit ranking, ledgers and false positives on the hub. */
package org.finres.cli.credit;
