package dev.ocxlpmem.management;

import java.beans.ConstructorProperties;

/**
 * A DIMM's health as an open-type composite: the fields of {@code ndctl list -DH}
 * ({@code health_state} becomes {@code healthState}, and so on).
 */
public final class HealthData {
    private final String healthState;
    private final double temperatureCelsius;
    private final double controllerTemperatureCelsius;
    private final int sparesPercentage;
    private final boolean alarmTemperature;
    private final boolean alarmControllerTemperature;
    private final boolean alarmSpares;
    private final double temperatureThreshold;
    private final double controllerTemperatureThreshold;
    private final int sparesThreshold;
    private final int lifeUsedPercentage;
    private final String shutdownState;
    private final long shutdownCount;

    @ConstructorProperties({"healthState", "temperatureCelsius", "controllerTemperatureCelsius", "sparesPercentage",
        "alarmTemperature", "alarmControllerTemperature", "alarmSpares", "temperatureThreshold",
        "controllerTemperatureThreshold", "sparesThreshold", "lifeUsedPercentage", "shutdownState", "shutdownCount"})
    public HealthData(String healthState, double temperatureCelsius, double controllerTemperatureCelsius,
            int sparesPercentage, boolean alarmTemperature, boolean alarmControllerTemperature, boolean alarmSpares,
            double temperatureThreshold, double controllerTemperatureThreshold, int sparesThreshold,
            int lifeUsedPercentage, String shutdownState, long shutdownCount) {
        this.healthState = healthState;
        this.temperatureCelsius = temperatureCelsius;
        this.controllerTemperatureCelsius = controllerTemperatureCelsius;
        this.sparesPercentage = sparesPercentage;
        this.alarmTemperature = alarmTemperature;
        this.alarmControllerTemperature = alarmControllerTemperature;
        this.alarmSpares = alarmSpares;
        this.temperatureThreshold = temperatureThreshold;
        this.controllerTemperatureThreshold = controllerTemperatureThreshold;
        this.sparesThreshold = sparesThreshold;
        this.lifeUsedPercentage = lifeUsedPercentage;
        this.shutdownState = shutdownState;
        this.shutdownCount = shutdownCount;
    }

    /** ok, non-critical, critical or fatal. */
    public String getHealthState() {
        return healthState;
    }

    public double getTemperatureCelsius() {
        return temperatureCelsius;
    }

    public double getControllerTemperatureCelsius() {
        return controllerTemperatureCelsius;
    }

    public int getSparesPercentage() {
        return sparesPercentage;
    }

    public boolean isAlarmTemperature() {
        return alarmTemperature;
    }

    public boolean isAlarmControllerTemperature() {
        return alarmControllerTemperature;
    }

    public boolean isAlarmSpares() {
        return alarmSpares;
    }

    public double getTemperatureThreshold() {
        return temperatureThreshold;
    }

    public double getControllerTemperatureThreshold() {
        return controllerTemperatureThreshold;
    }

    public int getSparesThreshold() {
        return sparesThreshold;
    }

    public int getLifeUsedPercentage() {
        return lifeUsedPercentage;
    }

    /** clean or dirty. */
    public String getShutdownState() {
        return shutdownState;
    }

    /** The dirty shutdowns over the card's life. */
    public long getShutdownCount() {
        return shutdownCount;
    }
}
