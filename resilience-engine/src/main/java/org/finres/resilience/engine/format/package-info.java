/**
 * The register's YAML and JSON form (FORMAT.md): a reader that names the line of every problem and a writer whose
 * output reads back to an equal register.
 */
package org.finres.resilience.engine.format;
