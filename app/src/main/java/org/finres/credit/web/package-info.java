/** The sharing credit API ({@code /api/v1/credit}) and pages ({@code /credit}): ranking, CSV, ledgers, false positives. */
package org.finres.credit.web;
