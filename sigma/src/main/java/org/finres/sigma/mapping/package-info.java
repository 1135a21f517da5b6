/** Field-mapping pipelines: which events a Sigma log source means and which event fields a Sigma field name reads. */
package org.finres.sigma.mapping;
