package dev.ocxlpmem.management.internal;

import dev.ocxlpmem.management.CardMXBean;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.ocxl.DeviceProblem;

final class CardView extends DescribedView implements CardMXBean {
    private final DeviceProblem problem;

    CardView(DeviceProblem problem) {
        super(CardMXBean.class, ObjectNames.of(ObjectNames.card(problem.location())));
        this.problem = problem;
    }

    @Override
    public String getLocation() {
        return problem.location();
    }

    @Override
    public String getState() {
        return "failed";
    }

    @Override
    public String getSource() {
        return problem.source();
    }

    @Override
    public String getStep() {
        return problem.step();
    }

    @Override
    public String getReason() {
        return problem.reason();
    }

    @Override
    public String getAdvice() {
        return problem.advice();
    }
}
