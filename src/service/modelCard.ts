import type { LinearModel } from '../absence/linearModel.ts';

/**
 * The model card stored beside each model (AI Act art. 13: instructions for use). Built from the
 * artefact alone, so it can never describe another model than the one it sits beside.
 */
export function modelCard(model: LinearModel) {
  return {
    modelVersion: model.modelVersion,
    kind: model.kind,
    context: model.context,
    intendedUse:
      'An indication, for an occupational-health professional, of whether a sick report may become a long absence. A professional decides; the indication never decides.',
    notFor: [
      'decisions about employment, pay or sanctions',
      'people outside the population trained on',
    ],
    target: model.target,
    features: model.features,
    bands: model.bands,
    training: model.training,
    checksum: model.checksum,
    ...(model.validation === undefined ? {} : { validation: model.validation }),
    limits: [
      'Trained on the public UCI "Absenteeism at work" data (one Brazilian courier company, 2007-2010); not validated on Dutch employers.',
      model.validation === undefined
        ? 'This artefact was trained without validation: its card holds no measured accuracy.'
        : 'Accuracy is measured by cross-validation on the training data itself (the UCI file), per age band only: the file has no sex, contract hours or contract type.',
    ],
  };
}
