package dev.tunebench.gate;

/** One model × technique of a run. */
public record Cell(String model, String technique) {
    @Override
    public String toString() {
        return model + "/" + technique;
    }
}
