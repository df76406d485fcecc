package dev.tunebench.reports;

/** A model × technique pair: the unit every figure of a run belongs to. */
public record CellKey(String model, String technique) {
    @Override
    public String toString() {
        return model + " · " + technique;
    }
}
