package dev.ocxlpmem.emulator;

/**
 * What the emulated card's sensors and wear counters read: the values behind its SMART answer,
 * with the alarm thresholds of ndctl's {@code inject-smart} options. An alarm trips when it is
 * enabled and a temperature reaches its threshold, or the spares fall to theirs.
 */
public record SmartValues(
        double mediaTemperatureCelsius,
        int mediaTemperatureThreshold,
        boolean mediaTemperatureAlarmEnabled,
        double controllerTemperatureCelsius,
        int controllerTemperatureThreshold,
        boolean controllerTemperatureAlarmEnabled,
        int sparesPercent,
        int sparesThreshold,
        boolean sparesAlarmEnabled,
        int lifeUsedPercent) {

    /** A new, cool card. */
    public static final SmartValues DEFAULTS = new SmartValues(35, 85, true, 45, 95, true, 100, 10, true, 0);

    public SmartValues {
        temperature("media temperature", mediaTemperatureCelsius);
        temperature("controller temperature", controllerTemperatureCelsius);
        threshold("media temperature threshold", mediaTemperatureThreshold, 255);
        threshold("controller temperature threshold", controllerTemperatureThreshold, 255);
        threshold("spares", sparesPercent, 100);
        threshold("spares threshold", sparesThreshold, 100);
        threshold("life used", lifeUsedPercent, 100);
    }

    private static void temperature(String what, double celsius) {
        if (!(celsius >= -273 && celsius <= 1000)) {
            throw new IllegalArgumentException(what + " " + celsius + " °C is not a temperature a card reports");
        }
    }

    private static void threshold(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
        }
    }

    public boolean mediaTemperatureAlarm() {
        return mediaTemperatureAlarmEnabled && mediaTemperatureCelsius >= mediaTemperatureThreshold;
    }

    public boolean controllerTemperatureAlarm() {
        return controllerTemperatureAlarmEnabled && controllerTemperatureCelsius >= controllerTemperatureThreshold;
    }

    public boolean sparesAlarm() {
        return sparesAlarmEnabled && sparesPercent <= sparesThreshold;
    }

    public SmartValues withMediaTemperature(double celsius) {
        return new SmartValues(celsius, mediaTemperatureThreshold, mediaTemperatureAlarmEnabled,
                controllerTemperatureCelsius, controllerTemperatureThreshold, controllerTemperatureAlarmEnabled,
                sparesPercent, sparesThreshold, sparesAlarmEnabled, lifeUsedPercent);
    }

    public SmartValues withControllerTemperature(double celsius) {
        return new SmartValues(mediaTemperatureCelsius, mediaTemperatureThreshold, mediaTemperatureAlarmEnabled,
                celsius, controllerTemperatureThreshold, controllerTemperatureAlarmEnabled,
                sparesPercent, sparesThreshold, sparesAlarmEnabled, lifeUsedPercent);
    }

    public SmartValues withSpares(int percent) {
        return new SmartValues(mediaTemperatureCelsius, mediaTemperatureThreshold, mediaTemperatureAlarmEnabled,
                controllerTemperatureCelsius, controllerTemperatureThreshold, controllerTemperatureAlarmEnabled,
                percent, sparesThreshold, sparesAlarmEnabled, lifeUsedPercent);
    }

    public SmartValues withLifeUsed(int percent) {
        return new SmartValues(mediaTemperatureCelsius, mediaTemperatureThreshold, mediaTemperatureAlarmEnabled,
                controllerTemperatureCelsius, controllerTemperatureThreshold, controllerTemperatureAlarmEnabled,
                sparesPercent, sparesThreshold, sparesAlarmEnabled, percent);
    }
}
