package io.sirenorder.security;

/**
 * The roles the auth service puts in a token's {@code roles} claim; Spring Security sees each as the authority
 * {@code ROLE_<role>}, so rules read {@code hasRole(Roles.CLERK)}.
 */
public final class Roles {

    /** Works behind the counter: the catalogue, every order, the reports. */
    public static final String CLERK = "clerk";

    /** Orders for themselves, and sees only their own orders. */
    public static final String CUSTOMER = "customer";

    private Roles() {
    }
}
