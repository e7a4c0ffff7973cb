/**
 * The connection properties, declared once: {@link org.stripejdbc.config.ConnectionProperty} (key, default, type,
 * description, and typed getters over the merged URL and {@code java.util.Properties} values), which drives
 * {@code Driver.getPropertyInfo}, the README's property table and {@code docs/connection-properties.md} (both
 * generated and checked by tests); {@link org.stripejdbc.config.PropertyCheck}, the check when a connection opens (bad
 * values fail, misspelt names are warned about); and {@link org.stripejdbc.config.DriverVersion}, the version from the
 * jar manifest.
 *
 * <p>Example: {@code ConnectionProperty.READ_TIMEOUT.seconds(Map.of("read_timeout", "30"))} is 30 seconds, and with
 * {@code "soon"} it fails with {@code 22023} naming {@code read_timeout}; a secret property's value never appears in
 * such a message.
 *
 * <p>Knows {@code error} only: the properties are read by the JDBC layer, the session and the serve mode; this
 * package must not know what they configure.
 */
package org.stripejdbc.config;
