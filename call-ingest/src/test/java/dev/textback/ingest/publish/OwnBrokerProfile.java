package dev.textback.ingest.publish;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

public class OwnBrokerProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnBrokerResource.class));
    }
}
