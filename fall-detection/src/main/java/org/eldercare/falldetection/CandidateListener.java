package org.eldercare.falldetection;

/** Receives every impact candidate's evaluation; used by the evaluation tooling and for diagnostics. */
@FunctionalInterface
public interface CandidateListener {
    CandidateListener NONE = e -> { };

    void onCandidate(CandidateEvaluation evaluation);
}
