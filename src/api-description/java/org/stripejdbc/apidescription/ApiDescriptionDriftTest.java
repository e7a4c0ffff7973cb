package org.stripejdbc.apidescription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails when the committed {@code api-description.json} differs from what {@link ApiDescriptionGenerator} makes of
 * the profile's stripe-java (run only in the {@code api-description} profile, with
 * {@code -Dapi-description.check=true} so that the generate step does not rewrite the file first).
 */
class ApiDescriptionDriftTest {
    @Test
    void theCommittedDescriptionIsTheGeneratorsOutput() throws Exception {
        Path committed = Path.of(System.getProperty("stripejdbc.api-description.file"));
        String generated = new ApiDescriptionGenerator().generate();
        assertEquals(
                generated,
                Files.readString(committed),
                committed + " differs from stripe-java: run mvn -B -Papi-description generate-resources");
    }
}
