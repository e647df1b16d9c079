# Appareils : la liste, la page d’un PC, son activation et ses caractéristiques, l’association et la suppression.

## La liste
devices-empty = Aucun PC n’est encore associé à ce compte. Exécutez ceci sur un PC, puis saisissez le code qu’il affiche dans Associer un PC :
devices-attention = Demande votre attention
device-warn-activation = Windows n’est pas activé
device-warn-hardware = Matériel modifié
device-warn-license = Licence aussi sur un autre compte
device-warn-encryption = Le chiffrement de l’appareil est désactivé
device-waiting = En attente de son premier rapport
device-offline = Hors ligne · vu pour la dernière fois { $ago }
device-last-seen = Vu pour la dernière fois { $ago }
device-done-removed = Le PC a été supprimé de votre compte.

## La page d’un PC
device-all = Tous les appareils
device-hardware-changed = Le matériel de cet appareil a changé. Si Windows a perdu son activation, utilisez « J’ai récemment changé le matériel de cet appareil » pour y transférer votre licence :
device-activation = Activation
device-edition = Édition
device-channel = Canal
device-product-key = Clé de produit
device-installed-key = Clé installée
device-this-pc = Ce PC
device-manufacturer = Fabricant
device-model = Modèle
device-architecture = Architecture
device-os-build = Build du système
device-agent = Agent
device-linked = Associé
device-specs = Caractéristiques de l’appareil
device-specs-none = Pas encore signalées : un agent à jour les envoie avec son prochain rapport.
device-specs-at = Signalées le { $at }.
device-find = Localiser mon appareil
device-place = { $latitude }, { $longitude }, à { $accuracy } m près
device-map-alt = Carte de l’endroit où { $name } se trouvait en dernier : { $place }
device-last-location = Dernière position connue { $ago } ({ $at })
device-open-map = Ouvrir dans OpenStreetMap
device-earlier = Positions précédentes (30 derniers jours)
device-map-credit = Données cartographiques : Natural Earth (domaine public), dessinées par ce portail.
device-find-no-location = Activé. Pas encore de position : le PC en envoie une quand « Localiser mon appareil » y est aussi activé.
device-find-off = Désactivé. Activez-le pour voir où se trouvait ce PC en dernier (son agent doit aussi l’autoriser). Les positions sont conservées 30 jours.
device-find-turn-off = Désactiver « Localiser mon appareil »
device-find-turn-on = Activer « Localiser mon appareil »
device-hardware = Détails matériels
device-hardware-on = Activé : ce PC partage son fabricant, son modèle et ses caractéristiques, et permet à Portico de remarquer un changement de matériel (pour qu’une licence puisse suivre une nouvelle carte mère).
device-hardware-off = Désactivé : les détails matériels de ce PC ne sont pas conservés, et un changement de matériel ne peut pas être remarqué.
device-hardware-stop = Ne plus partager les détails matériels
device-hardware-share = Partager les détails matériels
device-privacy-page = Ce que partage chaque PC figure aussi sur votre page Confidentialité :
device-recovery-on = { $n ->
    [0] Activé : ce PC sauvegarde ses clés de récupération BitLocker dans votre compte. Elles arrivent avec son prochain rapport.
    [one] Activé : ce PC sauvegarde ses clés de récupération BitLocker dans votre compte (1 clé jusqu’ici).
   *[other] Activé : ce PC sauvegarde ses clés de récupération BitLocker dans votre compte ({ $n } clés jusqu’ici).
}
device-recovery-see = Voir vos clés de récupération
device-recovery-off = Désactivé. Activez-le pour conserver les clés de récupération BitLocker de ce PC dans votre compte, pour le jour où il s’arrête sur l’écran de récupération. Elles sont stockées chiffrées et affichées seulement après que vous avez confirmé que c’est vous.
device-recovery-stop = Ne plus sauvegarder les clés de récupération
device-recovery-stop-delete = Ne plus sauvegarder les clés de récupération et les supprimer
device-recovery-start = Sauvegarder les clés de récupération BitLocker
device-manage = Nom et suppression
device-remove-title = Supprimer ce PC
device-reports = Rapports récents
device-reports-none = Aucun rapport pour l’instant : le PC envoie le premier juste après l’association.
device-done-renamed = Le nom a été enregistré.
device-done-location-on = « Localiser mon appareil » est activé : la position du PC s’affiche ici à partir de son prochain rapport.
device-done-location-off = « Localiser mon appareil » est désactivé, et les positions conservées pour ce PC ont été supprimées.
device-done-recovery-on = La sauvegarde des clés de récupération est activée : le PC envoie ses clés de récupération BitLocker avec son prochain rapport.
device-done-recovery-off = La sauvegarde des clés de récupération est désactivée, et les clés sauvegardées par ce PC ont été supprimées.
device-done-hardware-on = Ce PC partage de nouveau ses détails matériels à partir de son prochain rapport.
device-done-hardware-off = Ce PC ne partage plus ses détails matériels, et ce qui en était conservé a été supprimé.

## Types de PC
device-laptop = Ordinateur portable
device-desktop = Ordinateur de bureau
device-tablet = Tablette
device-server = Serveur
device-vm = Machine virtuelle
device-pc = PC

## Caractéristiques, dans les mots de Paramètres › Système › Informations système
specs-processor = Processeur
specs-cores = { $cores } cœurs
specs-cores-logical = { $cores } cœurs, { $logical } processeurs logiques
specs-ram = Mémoire RAM installée
specs-usable = { $size } utilisable
specs-system-type = Type du système
specs-device-type = Type d’appareil
specs-tpm = TPM
specs-tpm-version = Présent, version { $version }
specs-tpm-present = Présent
specs-tpm-missing = Introuvable
specs-secure-boot = Démarrage sécurisé
specs-storage = Stockage
specs-free = { $size } libres
specs-encryption = Chiffrement de l’appareil
specs-on = Activé
specs-off = Désactivé
specs-suspended = Suspendu (le volume est lisible sans sa clé)
specs-encrypting = Chiffrement en cours
specs-decrypting = Déchiffrement en cours
specs-unknown = Inconnu (le volume est peut-être verrouillé)
specs-gb = { $size } Go
specs-tb = { $size } To

## Activation, dans les mots de Paramètres › Système › Activation
activation-kms-key = Une clé client KMS de la liste publique de Microsoft : le service d’activation de votre organisation active ce PC. Ce n’est pas une clé de produit à vous.
activation-generic-key = Une clé d’installation générique pour cette édition : Windows l’utilise avec une licence numérique. Ce n’est pas une clé de produit à vous.
activation-by-kms = Windows est activé à l’aide du service d’activation de votre organisation
activation-by-linked-digital = Windows est activé avec une licence numérique liée à votre compte Portico
activation-by-digital = Windows est activé avec une licence numérique
activation-by-volume-key = Windows est activé avec une clé de produit de votre organisation
activation-by-key = Windows est activé avec une clé de produit
activation-days-left = { $n ->
    [one] 1 jour restant
   *[other] { $n } jours restants
}
activation-none = Aucun état d’activation signalé pour l’instant.
activation-not-activated = Windows n’est pas activé
activation-initial-grace = Windows n’est pas encore activé : il est dans sa première période de grâce{ $grace }
activation-again = Windows doit être activé de nouveau{ $grace }
activation-not-genuine = Windows n’est pas activé : sa clé a été signalée comme non authentique{ $grace }
activation-unlicensed = Windows n’est pas activé : { $why }
activation-extended-grace = Windows est dans une période de grâce prolongée{ $grace }
activation-unknown = Windows a signalé un état d’activation que ce portail ne connaît pas.
activation-advice-enter-key = Saisissez une clé de produit dans Paramètres › Système › Activation, ou exécutez-y l’utilitaire de résolution des problèmes d’activation.
activation-advice-connect = Connectez le PC à Internet pour que Windows puisse s’activer, ou saisissez une clé de produit.
activation-advice-hardware = Le matériel a changé, ou le service d’activation de votre organisation n’a pas été joint. Si vous avez changé de matériel, utilisez « J’ai récemment changé le matériel de cet appareil ».
activation-advice-genuine = Achetez une clé de produit authentique, ou contactez le vendeur de ce PC.
activation-advice-settings = Ouvrez Paramètres › Système › Activation pour saisir une clé de produit ou exécuter l’utilitaire de résolution des problèmes d’activation.
activation-advice-before-end = Activez Windows avant la fin de la période.
activation-label-unknown = Inconnu
activation-label-activated = Activé
activation-label-not-activated = Non activé
activation-label-grace = Période de grâce
activation-label-needs = Activation requise
activation-label-not-genuine = Non authentique
activation-why-grace-ended = sa période de grâce est terminée
activation-why-not-genuine = cette copie n’est pas authentique
activation-why-no-license = la licence est introuvable ou non valide
activation-why-other = il n’a pas pu être activé

## Associer un PC, et en supprimer un
link-lead = Saisissez le code que votre PC affiche quand vous exécutez :
link-not-found = Ce code n’est pas correct, ou il a expiré. Vérifiez le code affiché par votre PC, ou recommencez sur le PC.
link-ask-title = Associer ce PC à votre compte ?
link-ask-lead = Le PC qui affiche { $code } demande à rendre compte à ce compte.
link-pc-name = Nom du PC
link-os = Système d’exploitation
link-not-given = Non indiqué
link-shares-windows = Il partagera son édition de Windows, sa version et son état d’activation, les cinq derniers caractères de sa clé de produit (jamais la clé entière), ses caractéristiques (processeur, mémoire, disques, TPM, démarrage sécurisé et si chaque volume est chiffré avec BitLocker) et la date à laquelle il a été vu pour la dernière fois.
link-shares-other = Il partagera son système d’exploitation et sa version, son fabricant et son modèle, ses caractéristiques (processeur, mémoire, disques, TPM, démarrage sécurisé et si chaque volume est chiffré) et la date à laquelle il a été vu pour la dernière fois.
link-share-location = Partager aussi sa position (Localiser mon appareil). Vous pourrez le désactiver plus tard.
link-share-recovery = Sauvegarder aussi ses clés de récupération BitLocker dans votre compte, stockées chiffrées. Vous pourrez le désactiver plus tard, ce qui les supprime.
link-approve = Approuver
link-deny = Refuser
link-linked-title = PC associé
link-not-linked-title = Non associé
link-linked = { $name } est associé
link-linked-text = Revenez à votre PC : il termine l’association de lui-même en quelques secondes.
link-not-linked = { $name } n’a pas été associé
link-not-linked-text = Le PC est informé qu’il a été refusé. Si ce n’est pas vous qui avez commencé, rien d’autre n’est nécessaire.
link-done = Terminé
device-name-help = Saisissez un nom de 1 à 60 caractères.
device-remove-heading = Supprimer { $name } ?
device-remove-text = Il quitte votre compte : son agent cesse de rendre compte, ses positions sont supprimées, et il n’apparaît plus dans Appareils. Pour le revoir, associez-le de nouveau avec :
device-remove-keys = { $n ->
    [one] Sa clé de récupération BitLocker est aussi supprimée.
   *[other] Ses { $n } clés de récupération BitLocker sont aussi supprimées.
}
device-remove-keys-first = { $n ->
    [one] Si vous pouvez en avoir besoin, notez-la d’abord.
   *[other] Si vous pouvez en avoir besoin, notez-les d’abord.
}

## Licences
license-empty = Aucune licence Windows n’a encore été signalée. Les licences apparaissent ici quand un PC associé en signale une.
license-foreign = { $device } signale une licence { $license } qui appartient à un autre compte Portico. Elle reste sur ce compte ; si vous avez acheté cette clé, contactez l’assistance.
license-also-elsewhere = Aussi sur un autre compte
license-on = Sur { $device }
license-on-now = sur { $device } actuellement
license-no-pc = Aucun PC
license-conflict = Un PC d’un autre compte Portico signale aussi cette clé. Elle reste liée à votre compte ; rien n’a été transféré.
license-hardware-changed = Le matériel de cet appareil a changé
license-elsewhere = { $device } signale aussi cette licence.
license-may-move = S’il a remplacé { $device }, ou si le matériel de ce PC a changé, vous pouvez y transférer la licence.
license-troubleshoot = J’ai récemment changé le matériel de cet appareil
license-history = Historique
license-held-from-to = { $hardware ->
    [yes] { $device } après un changement de matériel, du { $from } au { $to }
   *[no] { $device }, du { $from } au { $to }
}
license-held-since = { $hardware ->
    [yes] { $device } après un changement de matériel, depuis le { $from }
   *[no] { $device }, depuis le { $from }
}
license-done-moved = La licence a été transférée vers le PC choisi.
license-kind-kms = Licence en volume de votre organisation (KMS)
license-kind-mak = Licence en volume de votre organisation (MAK)
license-kind-digital = Licence numérique
license-kind-oem = Clé de produit du fabricant du PC (OEM)
license-kind-key = Clé de produit
license-oem-fixed = Une licence OEM appartient au PC avec lequel elle a été livrée, sur sa carte mère d’origine : elle ne peut donc pas être transférée vers un autre appareil. Si la carte mère a été remplacée sous garantie, la réparation du fabricant le garde activé ; sinon, le nouveau matériel a besoin de sa propre licence.
license-volume-fixed = Cette licence est gérée par votre organisation : son service d’activation décide où elle est utilisée. Adressez-vous à votre service informatique.
license-too-many-moves = Cette licence a été transférée { $n } fois au cours des 90 derniers jours, le maximum autorisé. Réessayez après le { $at }.
license-same-device = Ce PC détient déjà cette licence, et son matériel n’a pas changé : il n’y a rien à transférer.
license-choose-legend = Choisissez le PC que vous utilisez actuellement
license-choose-pc = Choisissez le PC que vous utilisez actuellement.
license-tick-this-device = Cochez « C’est l’appareil que j’utilise en ce moment » pour continuer.
license-holds = détient cette licence actuellement
license-holds-changed = détient cette licence actuellement ; son matériel a changé
license-this-device = C’est l’appareil que j’utilise en ce moment
license-move-title = Transférer la licence vers { $device } ?
license-move-same = La licence reste sur { $device } et est liée à son nouveau matériel. Windows s’y active avec la licence lors de sa prochaine vérification ; pour le faire maintenant, exécutez l’utilitaire de résolution des problèmes d’activation dans Paramètres › Système › Activation.
license-move-other = La licence quitte { $holder } et est liée à { $device }. Windows sur { $holder } ne sera plus activé par elle. Windows sur { $device } s’active avec elle lors de sa prochaine vérification ; pour le faire maintenant, exécutez l’utilitaire de résolution des problèmes d’activation dans Paramètres › Système › Activation.
license-move-limit = Une licence peut être transférée trois fois en 90 jours.
license-move = Transférer la licence

## Clés de récupération BitLocker
recovery-title = Clés de récupération BitLocker
recovery-lead = Si un PC s’arrête sur l’écran bleu de récupération BitLocker, il affiche un ID de clé de récupération. Trouvez ici la clé qui a le même ID et saisissez ses 48 chiffres sur le PC.
recovery-find = Trouver une clé par son ID
recovery-key-id-label = ID de clé (ses 8 premiers caractères suffisent)
recovery-show-the-key = Afficher la clé
recovery-backed-up = Clés sauvegardées
recovery-empty = Aucune clé de récupération n’est encore sauvegardée. Activez « Sauvegarder les clés de récupération BitLocker » sur la page d’un PC : ses clés arrivent avec son prochain rapport.
recovery-gone = Plus sur ce PC
recovery-key-id = ID de clé
recovery-screen-shows = l’écran de récupération affiche { $id }
recovery-backed-up-at = Sauvegardée le { $at }
recovery-removed-at = retirée du PC le { $at }
recovery-show = Afficher la clé
recovery-delete-open = Supprimer…
recovery-delete-ask-on-pc = Supprimer la clé { $id } de { $device } ? Portico ne pourra plus l’afficher tant que le PC ne l’aura pas signalée de nouveau.
recovery-delete-ask = Supprimer la clé { $id } de { $device } ? Portico ne pourra plus l’afficher.
recovery-delete = Supprimer cette clé
recovery-showing-needs = Afficher une clé nécessite une connexion récente, et chaque adresse de votre compte en est informée.
recovery-done-deleted = La clé de récupération a été supprimée.
recovery-key-id-help = Saisissez l’ID de clé affiché par l’écran de récupération de votre PC : au moins ses 8 premiers caractères (0–9 et A–F).
recovery-not-found = Aucune clé de récupération dont l’ID commence par { $id } n’est sauvegardée dans ce compte. Vérifiez l’ID sur l’écran de récupération : la clé est peut-être dans un autre compte, ou ce PC ne l’a jamais sauvegardée.
recovery-all = Toutes les clés de récupération
recovery-shown-title = Votre clé de récupération BitLocker
recovery-shown-title-many = Vos clés de récupération BitLocker
recovery-several = Plusieurs clés commencent par cet ID : vérifiez l’ID complet sur l’écran de récupération.
recovery-not-on-pc = cette clé n’y est plus
recovery-volume = Volume
recovery-key = Clé de récupération
recovery-key-label = Clé de récupération, 48 chiffres
recovery-unopenable = Cette clé ne peut plus être ouverte : la clé secrète du portail a changé depuis sa sauvegarde. Le PC la sauvegarde de nouveau avec son prochain rapport.
recovery-shown-note = Saisissez les 48 chiffres sur l’écran de récupération du PC. Ne les partagez pas : quiconque a la clé et le PC peut lire son disque. Chaque adresse de votre compte a été informée que cette clé a été consultée.
