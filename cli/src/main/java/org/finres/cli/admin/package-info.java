/** {@code finres admin}: institutions, users and API tokens of a running hub, managed through its REST API. */
package org.finres.cli.admin;
