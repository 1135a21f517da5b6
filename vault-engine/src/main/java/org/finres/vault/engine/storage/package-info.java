/**
 * Where a repository's immutable objects live (a local folder, or an S3 bucket with Object Lock), each with a
 * retain-until date before which no one can delete or replace it.
 */
package org.finres.vault.engine.storage;
