package nl.hartslag.support;

/** Staff accounts the integration tests log in with. */
public final class TestAccounts {

    public static final String COORDINATOR = "coordinator";
    public static final String PASSWORD = "test-coordinator-Pa55";

    private TestAccounts() {
    }

    /** HTTP Basic as the coordinator, for {@code .headers(TestAccounts::asCoordinator)}. */
    public static void asCoordinator(org.springframework.http.HttpHeaders headers) {
        headers.setBasicAuth(COORDINATOR, PASSWORD);
    }
}
