package org.stripejdbc.config;

/** The driver's version: the jar manifest's Implementation-Version when packaged, else the development version. */
public final class DriverVersion {
    public static final String VERSION = fromManifest();

    private DriverVersion() {}

    private static String fromManifest() {
        Package p = DriverVersion.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
