/** The STIX 2.1 patterning language: our own lexer and recursive-descent parser, and a matcher over observations. */
package org.finres.stix.pattern;
