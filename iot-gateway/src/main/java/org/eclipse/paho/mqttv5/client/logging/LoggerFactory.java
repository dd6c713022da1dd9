package org.eclipse.paho.mqttv5.client.logging;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's replacement for Paho 1.2.5's class of the same name (the hub's build leaves Paho's own out of
 * {@code hub.jar}, and {@code target/classes} comes first on the test class path), written for the hub: the same
 * public API and behaviour — a {@link JSR47Logger} (or the class given to {@link #setLogger}) initialised with the
 * message catalogue and the logger id — except that the catalogue and the logger class are looked up once and kept.
 *
 * <p>Why it exists, measured: Paho creates a logger for every {@code MqttToken}, so for every message it
 * acknowledges, and its factory looks the catalogue up with {@code ResourceBundle.getBundle} each time (locale
 * candidates, cache keys, class-loader checks). A JFR profile of {@code bench/run ingest} at 10,000 events/s
 * (2026-12-05, Paho 1.2.5) put 3.6 % of the hub's Java samples in that lookup. {@code PahoCountingStreamTest}
 * fails when the Paho version changes, so that this class is looked at again.
 *
 * <p>Cost: two map lookups and one logger instance per call (its constructor kept too). Thread-safe.
 */
public class LoggerFactory {

    /** The catalogue of Paho's client messages. */
    public static final String MQTT_CLIENT_MSG_CAT = "org.eclipse.paho.mqttv5.client.internal.nls.logcat";

    private static final ConcurrentHashMap<String, ResourceBundle> CATALOGUES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Constructor<?>> LOGGER_CLASSES = new ConcurrentHashMap<>();
    private static volatile String loggerClassName = JSR47Logger.class.getName();

    /**
     * A logger of the configured class for {@code loggerID}, with its messages from {@code messageCatalogName}.
     *
     * @throws MissingResourceException when the catalogue or the logger class cannot be found or made
     */
    public static Logger getLogger(String messageCatalogName, String loggerID) {
        ResourceBundle catalogue = CATALOGUES.computeIfAbsent(messageCatalogName, ResourceBundle::getBundle);
        String className = loggerClassName;
        try {
            Logger logger = (Logger) LOGGER_CLASSES.computeIfAbsent(className, LoggerFactory::constructor).newInstance();
            logger.initialise(catalogue, loggerID, null);
            return logger;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            MissingResourceException missing = new MissingResourceException("Error locating the logging class",
                    LoggerFactory.class.getName(), loggerID);
            missing.initCause(e instanceof InvocationTargetException t ? t.getCause() : e);
            throw missing;
        }
    }

    private static Constructor<?> constructor(String name) {
        try {
            return Class.forName(name).getDeclaredConstructor();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A property of {@code java.util.logging}'s configuration, or null when it is not set. */
    public static String getLoggingProperty(String name) {
        return java.util.logging.LogManager.getLogManager().getProperty(name);
    }

    /** The class (a {@link Logger} with a public no-argument constructor) that later {@link #getLogger} calls make. */
    public static void setLogger(String name) {
        loggerClassName = name == null ? JSR47Logger.class.getName() : name;
    }
}
