package io.tollgate.benchmarks.rest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL server both sides run on: fresh databases, and the commits counted in each. */
final class Database {

    private final String adminUrl;
    private final String user;
    private final String password;

    Database(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Creates an empty database and answers its JDBC URL. */
    String fresh(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    void drop(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    /**
     * Transactions ended in a database so far, committed or rolled back (a read-only transaction may
     * end either way and costs the same), as the statistics collector has them.
     */
    long commits(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_stat_clear_snapshot()");
            }
            try (PreparedStatement p = c.prepareStatement("select xact_commit + xact_rollback from pg_stat_database where datname = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0;
                }
            }
        }
    }
}
