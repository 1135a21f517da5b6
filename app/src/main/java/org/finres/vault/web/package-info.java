/** The vault module's REST API under /api/v1/vault and its pages under /vault. */
package org.finres.vault.web;
