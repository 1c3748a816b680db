package nl.hartslag.support;

/** Staff accounts the integration tests log in with. */
public final class TestAccounts {

    public static final String COORDINATOR = "coordinator";
    public static final String PASSWORD = "test-coordinator-Pa55";

    private TestAccounts() {
    }
}
