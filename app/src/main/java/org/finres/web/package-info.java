/**
 * The web shell every page sits in: layout, navigation, dashboard, login page, language switch and error pages;
 * each module's own pages live in its {@code web} sub-package and contribute {@link org.finres.web.NavigationEntry}s.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.finres.web;
