package io.sirenorder.misshapen.application;

import io.sirenorder.misshapen.web.Counter;
import java.sql.Connection;

/** Breaks two rules: it knows a transport (JDBC) and an adapter (the web's counter). */
public class Brewing {

    Connection connection;
    Counter counter;
}
