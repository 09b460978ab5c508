package io.sirenorder.local;

import java.util.List;

/**
 * A user of the local auth service whom {@code ./siren token} signs in as: {@code clerk}, the local clerk auth's local
 * profile makes at its first start, or {@code customer <name>}, a customer auth makes at their first sign-in with
 * their name as password.
 */
record LocalUser(String name, String password) {

    private static final String CLERK = "clerk";
    private static final String CLERK_PASSWORD = "clerk";
    private static final String USAGE = "usage: ./siren token clerk | ./siren token customer <name>";

    /** The user {@code ./siren token}'s arguments name. */
    static LocalUser of(List<String> args) {
        if (args.equals(List.of(CLERK))) {
            return new LocalUser(CLERK, CLERK_PASSWORD);
        }
        if (args.size() == 2 && args.getFirst().equals("customer")) {
            String name = args.get(1);
            if (name.equals(CLERK)) {
                // whose password is their name too: the sign-in would give the clerk's token
                throw new IllegalArgumentException("clerk is the local clerk, not a customer: ./siren token clerk");
            }
            return new LocalUser(name, name);
        }
        throw new IllegalArgumentException(USAGE);
    }
}
