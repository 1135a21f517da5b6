/** {@code finres rules}, {@code alerts} and {@code indicators}: the hub's detection module through its REST API. */
package org.finres.cli.detection;
